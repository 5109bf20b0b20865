using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportReportLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "import_batches",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "customers_added",
                table: "import_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateOnly>(
                name: "first_day",
                table: "import_batches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_day",
                table: "import_batches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "lines_excluded",
                table: "import_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "lines_rejected",
                table: "import_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "lines_used",
                table: "import_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<decimal>(
                name: "net_revenue",
                table: "import_batches",
                type: "TEXT",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<long>(
                name: "orders_imported",
                table: "import_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<decimal>(
                name: "refunds",
                table: "import_batches",
                type: "TEXT",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "rejected_by_reason",
                table: "import_batches",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "currency",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "customers_added",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "first_day",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "last_day",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "lines_excluded",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "lines_rejected",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "lines_used",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "net_revenue",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "orders_imported",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "refunds",
                table: "import_batches");

            migrationBuilder.DropColumn(
                name: "rejected_by_reason",
                table: "import_batches");
        }
    }
}
