using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InterruptedImportsAndResumedRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "redone_by_batch_id",
                table: "import_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "upload_id",
                table: "import_batches",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "resumed_at_utc",
                table: "calculation_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_redone_by_batch_id",
                table: "import_batches",
                column: "redone_by_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_upload_id",
                table: "import_batches",
                column: "upload_id");

            migrationBuilder.AddForeignKey(
                name: "fk_import_batches_import_batches_redone_by_batch_id",
                table: "import_batches",
                column: "redone_by_batch_id",
                principalTable: "import_batches",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_import_batches_import_batches_redone_by_batch_id",
                table: "import_batches");

            migrationBuilder.DropIndex(
                name: "ix_import_batches_redone_by_batch_id",
                table: "import_batches");

            migrationBuilder.DropIndex(
                name: "ix_import_batches_upload_id",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "redone_by_batch_id",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "upload_id",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "resumed_at_utc",
                table: "calculation_runs");
        }
    }
}
