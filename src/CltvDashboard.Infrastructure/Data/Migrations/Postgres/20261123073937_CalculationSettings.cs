using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CalculationSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "active_probability_threshold",
                table: "business_settings",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<decimal>(
                name: "annual_discount_rate",
                table: "business_settings",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "forecast_horizon_months",
                table: "business_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "high_churn_risk_below",
                table: "business_settings",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "holdout_months",
                table: "business_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "medium_churn_risk_below",
                table: "business_settings",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "middle_value_tier_share",
                table: "business_settings",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "nightly_cron",
                table: "business_settings",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "profit_margin",
                table: "business_settings",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "runs_to_keep",
                table: "business_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "time_unit",
                table: "business_settings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "top_value_tier_share",
                table: "business_settings",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "business_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "channel_acquisition_costs",
                columns: table => new
                {
                    business_settings_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    cost_per_customer = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_channel_acquisition_costs", x => new { x.business_settings_id, x.channel });
                    table.ForeignKey(
                        name: "fk_channel_acquisition_costs_business_settings_business_settin",
                        column: x => x.business_settings_id,
                        principalTable: "business_settings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "business_settings",
                keyColumn: "id",
                keyValue: 1,
                columns: new[] { "active_probability_threshold", "annual_discount_rate", "forecast_horizon_months", "high_churn_risk_below", "holdout_months", "medium_churn_risk_below", "middle_value_tier_share", "nightly_cron", "profit_margin", "runs_to_keep", "time_unit", "top_value_tier_share", "version" },
                values: new object[] { 0.5, 0.10m, 12, 0.29999999999999999, 6, 0.69999999999999996, 0.29999999999999999, "0 2 * * *", 1m, 30, "Week", 0.20000000000000001, 1 });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_acquisition_costs");

            migrationBuilder.DropColumn(
                name: "active_probability_threshold",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "annual_discount_rate",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "forecast_horizon_months",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "high_churn_risk_below",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "holdout_months",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "medium_churn_risk_below",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "middle_value_tier_share",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "nightly_cron",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "profit_margin",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "runs_to_keep",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "time_unit",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "top_value_tier_share",
                table: "business_settings");

            migrationBuilder.DropColumn(
                name: "version",
                table: "business_settings");
        }
    }
}
