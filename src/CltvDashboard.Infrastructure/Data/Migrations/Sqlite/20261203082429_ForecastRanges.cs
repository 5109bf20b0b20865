using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForecastRanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ranges_json",
                table: "segment_summaries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ranges_json",
                table: "kpi_summaries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "clv_high80",
                table: "customer_metrics",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "clv_low80",
                table: "customer_metrics",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "purchases_high80",
                table: "customer_metrics",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "purchases_low80",
                table: "customer_metrics",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ranges_json",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "ranges_json",
                table: "kpi_summaries");

            migrationBuilder.DropColumn(
                name: "clv_high80",
                table: "customer_metrics");

            migrationBuilder.DropColumn(
                name: "clv_low80",
                table: "customer_metrics");

            migrationBuilder.DropColumn(
                name: "purchases_high80",
                table: "customer_metrics");

            migrationBuilder.DropColumn(
                name: "purchases_low80",
                table: "customer_metrics");
        }
    }
}
