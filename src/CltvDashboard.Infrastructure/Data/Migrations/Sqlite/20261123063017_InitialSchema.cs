using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "business_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    time_zone_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: true),
                    updated_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calculation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    as_of_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    requested_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    stage = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    percent_complete = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    is_current = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calculation_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    first_seen_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    acquisition_channel = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    checksum = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    started_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rows_read = table.Column<long>(type: "INTEGER", nullable: false),
                    rows_imported = table.Column<long>(type: "INTEGER", nullable: false),
                    duplicates_skipped = table.Column<long>(type: "INTEGER", nullable: false),
                    rows_rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    settings_json = table.Column<string>(type: "TEXT", nullable: true),
                    failure_message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cohort_cells",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    acquisition_month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    months_since_acquisition = table.Column<int>(type: "INTEGER", nullable: false),
                    cohort_size = table.Column<int>(type: "INTEGER", nullable: false),
                    active_customers = table.Column<int>(type: "INTEGER", nullable: false),
                    revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    cumulative_revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    is_partial = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cohort_cells", x => new { x.calculation_run_id, x.acquisition_month, x.months_since_acquisition });
                    table.ForeignKey(
                        name: "fk_cohort_cells_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_fits",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    model_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    log_likelihood = table.Column<double>(type: "REAL", nullable: true),
                    converged = table.Column<bool>(type: "INTEGER", nullable: false),
                    warnings = table.Column<string>(type: "TEXT", nullable: true),
                    fitted_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_fits", x => x.id);
                    table.ForeignKey(
                        name: "fk_model_fits_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "segment_summaries",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    segment = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    customer_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    total_predicted_clv = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    average_probability_alive = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segment_summaries", x => new { x.calculation_run_id, x.segment });
                    table.ForeignKey(
                        name: "fk_segment_summaries_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_metrics",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    recency_days = table.Column<double>(type: "REAL", nullable: false),
                    tenure_days = table.Column<double>(type: "REAL", nullable: false),
                    days_since_last_purchase = table.Column<int>(type: "INTEGER", nullable: false),
                    total_revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    average_order_value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    recency_score = table.Column<int>(type: "INTEGER", nullable: false),
                    frequency_score = table.Column<int>(type: "INTEGER", nullable: false),
                    monetary_score = table.Column<int>(type: "INTEGER", nullable: false),
                    segment = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    probability_alive = table.Column<double>(type: "REAL", nullable: true),
                    expected_purchases = table.Column<double>(type: "REAL", nullable: true),
                    predicted_clv = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_metrics", x => new { x.calculation_run_id, x.customer_id });
                    table.ForeignKey(
                        name: "fk_customer_metrics_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_customer_metrics_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_problems",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    import_batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_number = table.Column<long>(type: "INTEGER", nullable: false),
                    column = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    raw_record = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_problems", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_problems_import_batches_import_batch_id",
                        column: x => x.import_batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transactions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    order_reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    import_batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_transactions_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_transactions_import_batches_import_batch_id",
                        column: x => x.import_batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "business_settings",
                columns: new[] { "id", "currency_code", "time_zone_id", "updated_at_utc" },
                values: new object[] { 1, null, "UTC", null });

            migrationBuilder.CreateIndex(
                name: "ix_calculation_runs_is_current",
                table: "calculation_runs",
                column: "is_current",
                unique: true,
                filter: "is_current");

            migrationBuilder.CreateIndex(
                name: "ix_calculation_runs_requested_at_utc",
                table: "calculation_runs",
                column: "requested_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_customer_metrics_calculation_run_id_predicted_clv",
                table: "customer_metrics",
                columns: new[] { "calculation_run_id", "predicted_clv" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_metrics_calculation_run_id_segment",
                table: "customer_metrics",
                columns: new[] { "calculation_run_id", "segment" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_metrics_customer_id",
                table: "customer_metrics",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_external_id",
                table: "customers",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customers_first_seen_at_utc",
                table: "customers",
                column: "first_seen_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_checksum",
                table: "import_batches",
                column: "checksum");

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_started_at_utc",
                table: "import_batches",
                column: "started_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_import_problems_import_batch_id_line_number",
                table: "import_problems",
                columns: new[] { "import_batch_id", "line_number" });

            migrationBuilder.CreateIndex(
                name: "ix_model_fits_calculation_run_id_model_name",
                table: "model_fits",
                columns: new[] { "calculation_run_id", "model_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transactions_content_hash",
                table: "transactions",
                column: "content_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_transactions_customer_id_occurred_at_utc",
                table: "transactions",
                columns: new[] { "customer_id", "occurred_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_transactions_import_batch_id",
                table: "transactions",
                column: "import_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_occurred_at_utc",
                table: "transactions",
                column: "occurred_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_transactions_order_reference",
                table: "transactions",
                column: "order_reference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "business_settings");

            migrationBuilder.DropTable(
                name: "cohort_cells");

            migrationBuilder.DropTable(
                name: "customer_metrics");

            migrationBuilder.DropTable(
                name: "import_problems");

            migrationBuilder.DropTable(
                name: "model_fits");

            migrationBuilder.DropTable(
                name: "segment_summaries");

            migrationBuilder.DropTable(
                name: "transactions");

            migrationBuilder.DropTable(
                name: "calculation_runs");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "import_batches");
        }
    }
}
