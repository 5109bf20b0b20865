using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CalculationPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_customer_metrics_customers_customer_id",
                table: "customer_metrics");

            migrationBuilder.DropPrimaryKey(
                name: "pk_segment_summaries",
                table: "segment_summaries");

            migrationBuilder.DropIndex(
                name: "ix_model_fits_calculation_run_id_model_name",
                table: "model_fits");

            migrationBuilder.DropIndex(
                name: "ix_customer_metrics_calculation_run_id_predicted_clv",
                table: "customer_metrics");

            migrationBuilder.DropIndex(
                name: "ix_customer_metrics_customer_id",
                table: "customer_metrics");

            migrationBuilder.AddColumn<string>(
                name: "segmentation",
                table: "segment_summaries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "acquisition_cost_per_customer",
                table: "segment_summaries",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "average_order_value",
                table: "segment_summaries",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "average_predicted_clv",
                table: "segment_summaries",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "clv_to_cac",
                table: "segment_summaries",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "customers_moved_in",
                table: "segment_summaries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "customers_moved_out",
                table: "segment_summaries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "previous_customer_count",
                table: "segment_summaries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "repeat_rate",
                table: "segment_summaries",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "share",
                table: "segment_summaries",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "total_expected_purchases",
                table: "segment_summaries",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "baseline_mean_absolute_error",
                table: "model_fits",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "customers_used",
                table: "model_fits",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "holdout_actual_purchases",
                table: "model_fits",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "holdout_mean_absolute_error",
                table: "model_fits",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "holdout_predicted_purchases",
                table: "model_fits",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_chosen",
                table: "model_fits",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "period",
                table: "model_fits",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "standard_errors_json",
                table: "model_fits",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "acquisition_channel",
                table: "customer_metrics",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "acquisition_cohort",
                table: "customer_metrics",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "churn_risk_band",
                table: "customer_metrics",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "expected_average_value",
                table: "customer_metrics",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "value_tier",
                table: "customer_metrics",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "calculation_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "calibration_end",
                table: "calculation_runs",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "chosen_model",
                table: "calculation_runs",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "customer_count",
                table: "calculation_runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "model_choice_reason",
                table: "calculation_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "observation_end",
                table: "calculation_runs",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "settings_json",
                table: "calculation_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "settings_version",
                table: "calculation_runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stage_timings_json",
                table: "calculation_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "warnings",
                table: "calculation_runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_segment_summaries",
                table: "segment_summaries",
                columns: new[] { "calculation_run_id", "segmentation", "segment" });

            migrationBuilder.CreateTable(
                name: "segment_migrations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    segmentation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    from_segment = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    to_segment = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    customer_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segment_migrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_segment_migrations_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_model_fits_calculation_run_id_model_name_period",
                table: "model_fits",
                columns: new[] { "calculation_run_id", "model_name", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_segment_migrations_calculation_run_id_segmentation",
                table: "segment_migrations",
                columns: new[] { "calculation_run_id", "segmentation" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "segment_migrations");

            migrationBuilder.DropPrimaryKey(
                name: "pk_segment_summaries",
                table: "segment_summaries");

            migrationBuilder.DropIndex(
                name: "ix_model_fits_calculation_run_id_model_name_period",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "segmentation",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "acquisition_cost_per_customer",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "average_order_value",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "average_predicted_clv",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "clv_to_cac",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "customers_moved_in",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "customers_moved_out",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "previous_customer_count",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "repeat_rate",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "share",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "total_expected_purchases",
                table: "segment_summaries");

            migrationBuilder.DropColumn(
                name: "baseline_mean_absolute_error",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "customers_used",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "holdout_actual_purchases",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "holdout_mean_absolute_error",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "holdout_predicted_purchases",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "is_chosen",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "period",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "standard_errors_json",
                table: "model_fits");

            migrationBuilder.DropColumn(
                name: "acquisition_channel",
                table: "customer_metrics");

            migrationBuilder.DropColumn(
                name: "acquisition_cohort",
                table: "customer_metrics");

            migrationBuilder.DropColumn(
                name: "churn_risk_band",
                table: "customer_metrics");

            migrationBuilder.DropColumn(
                name: "expected_average_value",
                table: "customer_metrics");

            migrationBuilder.DropColumn(
                name: "value_tier",
                table: "customer_metrics");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "calibration_end",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "chosen_model",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "customer_count",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "model_choice_reason",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "observation_end",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "settings_json",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "settings_version",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "stage_timings_json",
                table: "calculation_runs");

            migrationBuilder.DropColumn(
                name: "warnings",
                table: "calculation_runs");

            migrationBuilder.AddPrimaryKey(
                name: "pk_segment_summaries",
                table: "segment_summaries",
                columns: new[] { "calculation_run_id", "segment" });

            migrationBuilder.CreateIndex(
                name: "ix_model_fits_calculation_run_id_model_name",
                table: "model_fits",
                columns: new[] { "calculation_run_id", "model_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customer_metrics_calculation_run_id_predicted_clv",
                table: "customer_metrics",
                columns: new[] { "calculation_run_id", "predicted_clv" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_metrics_customer_id",
                table: "customer_metrics",
                column: "customer_id");

            migrationBuilder.AddForeignKey(
                name: "fk_customer_metrics_customers_customer_id",
                table: "customer_metrics",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
