using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Datasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "dataset_id",
                table: "import_batches",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "calculation_runs",
                type: "character(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "dataset_id",
                table: "calculation_runs",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    import_batch_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_datasets", x => x.id);
                    table.ForeignKey(
                        name: "fk_datasets_import_batches_import_batch_id",
                        column: x => x.import_batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_dataset_id",
                table: "import_batches",
                column: "dataset_id");

            migrationBuilder.CreateIndex(
                name: "ix_calculation_runs_dataset_id",
                table: "calculation_runs",
                column: "dataset_id");

            migrationBuilder.CreateIndex(
                name: "ix_datasets_import_batch_id",
                table: "datasets",
                column: "import_batch_id");

            migrationBuilder.AddForeignKey(
                name: "fk_calculation_runs_datasets_dataset_id",
                table: "calculation_runs",
                column: "dataset_id",
                principalTable: "datasets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_import_batches_datasets_dataset_id",
                table: "import_batches",
                column: "dataset_id",
                principalTable: "datasets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // A store that holds data becomes dataset 1: the data since the last replacing import. The demo when every
            // import since then was the demo file; runs computed before that replace belong to no known dataset and so
            // are never compared with the current data.
            migrationBuilder.Sql(
                """
                INSERT INTO datasets (kind, currency, created_at_utc, file_name, created_by, import_batch_id)
                SELECT
                    CASE WHEN NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.status = 'Succeeded' AND b.id >= s.since AND b.file_name <> 'cdnow_master.csv')
                         AND EXISTS (SELECT 1 FROM import_batches b WHERE b.status = 'Succeeded' AND b.id >= s.since)
                         THEN 'Demo' ELSE 'Own' END,
                    COALESCE((SELECT t.currency FROM transactions t ORDER BY t.id LIMIT 1), (SELECT currency_code FROM business_settings WHERE id = 1)),
                    COALESCE((SELECT min(b.started_at_utc) FROM import_batches b WHERE b.status = 'Succeeded' AND b.id >= s.since), (SELECT min(requested_at_utc) FROM calculation_runs)),
                    (SELECT b.file_name FROM import_batches b WHERE b.status = 'Succeeded' AND b.id >= s.since ORDER BY b.id LIMIT 1),
                    'migration',
                    (SELECT b.id FROM import_batches b WHERE b.status = 'Succeeded' AND b.id >= s.since ORDER BY b.id LIMIT 1)
                FROM (SELECT COALESCE((SELECT max(id) FROM import_batches WHERE status = 'Succeeded' AND mode = 'Replace'), 0) AS since) s
                WHERE EXISTS (SELECT 1 FROM transactions) OR EXISTS (SELECT 1 FROM calculation_runs)
                """);
            migrationBuilder.Sql(
                """
                UPDATE import_batches SET dataset_id = (SELECT max(id) FROM datasets)
                WHERE status = 'Succeeded'
                  AND id >= COALESCE((SELECT max(id) FROM import_batches WHERE status = 'Succeeded' AND mode = 'Replace'), 0)
                """);
            migrationBuilder.Sql(
                """
                UPDATE calculation_runs
                SET dataset_id = (SELECT max(id) FROM datasets),
                    currency = (SELECT currency FROM datasets ORDER BY id DESC LIMIT 1)
                WHERE NOT EXISTS (
                    SELECT 1 FROM import_batches b
                    WHERE b.status = 'Succeeded' AND b.mode = 'Replace' AND b.finished_at_utc > calculation_runs.requested_at_utc)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_calculation_runs_datasets_dataset_id",
                table: "calculation_runs");

            migrationBuilder.DropForeignKey(
                name: "fk_import_batches_datasets_dataset_id",
                table: "import_batches");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropIndex(
                name: "ix_import_batches_dataset_id",
                table: "import_batches");

            migrationBuilder.DropIndex(
                name: "ix_calculation_runs_dataset_id",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "dataset_id",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "dataset_id",
                table: "calculation_runs");
        }
    }
}
