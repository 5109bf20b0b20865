using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Postgres
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
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    time_zone_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    currency_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    time_unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    forecast_horizon_months = table.Column<int>(type: "integer", nullable: false),
                    annual_discount_rate = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    profit_margin = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    holdout_months = table.Column<int>(type: "integer", nullable: false),
                    active_probability_threshold = table.Column<double>(type: "double precision", nullable: false),
                    purchase_window_days = table.Column<int>(type: "integer", nullable: false),
                    high_churn_risk_below = table.Column<double>(type: "double precision", nullable: false),
                    medium_churn_risk_below = table.Column<double>(type: "double precision", nullable: false),
                    top_value_tier_share = table.Column<double>(type: "double precision", nullable: false),
                    middle_value_tier_share = table.Column<double>(type: "double precision", nullable: false),
                    nightly_cron = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    runs_to_keep = table.Column<int>(type: "integer", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calculation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    trigger = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    as_of_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    requested_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    stage = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    percent_complete = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    is_current = table.Column<bool>(type: "boolean", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    settings_version = table.Column<int>(type: "integer", nullable: true),
                    settings_json = table.Column<string>(type: "text", nullable: true),
                    observation_end = table.Column<DateOnly>(type: "date", nullable: true),
                    calibration_end = table.Column<DateOnly>(type: "date", nullable: true),
                    customer_count = table.Column<int>(type: "integer", nullable: true),
                    chosen_model = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    model_choice_reason = table.Column<string>(type: "text", nullable: true),
                    warnings = table.Column<string>(type: "text", nullable: true),
                    stage_timings_json = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calculation_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    external_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    first_seen_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acquisition_channel = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    checksum = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    imported_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    mode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rows_read = table.Column<long>(type: "bigint", nullable: false),
                    rows_imported = table.Column<long>(type: "bigint", nullable: false),
                    duplicates_skipped = table.Column<long>(type: "bigint", nullable: false),
                    rows_rejected = table.Column<long>(type: "bigint", nullable: false),
                    settings_json = table.Column<string>(type: "text", nullable: true),
                    header = table.Column<string>(type: "text", nullable: true),
                    failure_message = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "clv_buckets",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    from = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    to = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    customers = table.Column<int>(type: "integer", nullable: false),
                    total_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clv_buckets", x => new { x.calculation_run_id, x.position });
                    table.ForeignKey(
                        name: "fk_clv_buckets_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cohort_cells",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    channel = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    acquisition_month = table.Column<DateOnly>(type: "date", nullable: false),
                    months_since_acquisition = table.Column<int>(type: "integer", nullable: false),
                    cohort_size = table.Column<int>(type: "integer", nullable: false),
                    active_customers = table.Column<int>(type: "integer", nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    cumulative_revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    is_partial = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cohort_cells", x => new { x.calculation_run_id, x.channel, x.acquisition_month, x.months_since_acquisition });
                    table.ForeignKey(
                        name: "fk_cohort_cells_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_metrics",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    frequency = table.Column<int>(type: "integer", nullable: false),
                    recency_days = table.Column<double>(type: "double precision", nullable: false),
                    tenure_days = table.Column<double>(type: "double precision", nullable: false),
                    days_since_last_purchase = table.Column<int>(type: "integer", nullable: false),
                    total_revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    mean_repeat_purchase_value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    recency_score = table.Column<int>(type: "integer", nullable: false),
                    frequency_score = table.Column<int>(type: "integer", nullable: false),
                    monetary_score = table.Column<int>(type: "integer", nullable: false),
                    segment = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    value_tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    churn_risk_band = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    acquisition_cohort = table.Column<DateOnly>(type: "date", nullable: false),
                    acquisition_channel = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    expected_average_value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    probability_alive = table.Column<double>(type: "double precision", nullable: true),
                    expected_purchases = table.Column<double>(type: "double precision", nullable: true),
                    predicted_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    purchase_probability = table.Column<double>(type: "double precision", nullable: true),
                    expected_next_purchase = table.Column<DateOnly>(type: "date", nullable: true)
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
                });

            migrationBuilder.CreateTable(
                name: "kpi_summaries",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    customers = table.Column<int>(type: "integer", nullable: false),
                    active_customers = table.Column<int>(type: "integer", nullable: false),
                    active_probability_threshold = table.Column<double>(type: "double precision", nullable: false),
                    repeat_rate = table.Column<double>(type: "double precision", nullable: false),
                    average_order_value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    purchase_frequency = table.Column<double>(type: "double precision", nullable: false),
                    historical_revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    predicted_revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    total_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    mean_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    median_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    mean_probability_alive = table.Column<double>(type: "double precision", nullable: true),
                    clv_to_cac = table.Column<double>(type: "double precision", nullable: true),
                    rule_of_thumb_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    rule_of_thumb_purchases_per_year = table.Column<double>(type: "double precision", nullable: true),
                    yearly_retention = table.Column<double>(type: "double precision", nullable: true),
                    rule_of_thumb_lifespan_years = table.Column<double>(type: "double precision", nullable: true),
                    rule_of_thumb_acquisition_cost = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_summaries", x => x.calculation_run_id);
                    table.ForeignKey(
                        name: "fk_kpi_summaries_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_check_points",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: true),
                    in_holdout = table.Column<bool>(type: "boolean", nullable: false),
                    customers = table.Column<int>(type: "integer", nullable: false),
                    actual = table.Column<double>(type: "double precision", nullable: false),
                    predicted = table.Column<double>(type: "double precision", nullable: false),
                    cumulative_actual = table.Column<double>(type: "double precision", nullable: true),
                    cumulative_predicted = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_check_points", x => new { x.calculation_run_id, x.kind, x.position });
                    table.ForeignKey(
                        name: "fk_model_check_points_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "model_fits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    model_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    period = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_chosen = table.Column<bool>(type: "boolean", nullable: false),
                    customers_used = table.Column<int>(type: "integer", nullable: false),
                    standard_errors_json = table.Column<string>(type: "text", nullable: true),
                    holdout_mean_absolute_error = table.Column<double>(type: "double precision", nullable: true),
                    baseline_mean_absolute_error = table.Column<double>(type: "double precision", nullable: true),
                    holdout_predicted_purchases = table.Column<double>(type: "double precision", nullable: true),
                    holdout_actual_purchases = table.Column<double>(type: "double precision", nullable: true),
                    parameters_json = table.Column<string>(type: "text", nullable: false),
                    log_likelihood = table.Column<double>(type: "double precision", nullable: true),
                    converged = table.Column<bool>(type: "boolean", nullable: false),
                    warnings = table.Column<string>(type: "text", nullable: true),
                    fitted_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "rfm_grid_cells",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    recency_score = table.Column<int>(type: "integer", nullable: false),
                    frequency_monetary_score = table.Column<int>(type: "integer", nullable: false),
                    customers = table.Column<int>(type: "integer", nullable: false),
                    mean_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    segment = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rfm_grid_cells", x => new { x.calculation_run_id, x.recency_score, x.frequency_monetary_score });
                    table.ForeignKey(
                        name: "fk_rfm_grid_cells_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "segment_summaries",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "bigint", nullable: false),
                    segmentation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    segment = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    customer_count = table.Column<int>(type: "integer", nullable: false),
                    share = table.Column<double>(type: "double precision", nullable: false),
                    total_revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    average_order_value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    repeat_rate = table.Column<double>(type: "double precision", nullable: false),
                    total_predicted_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    average_predicted_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    average_probability_alive = table.Column<double>(type: "double precision", nullable: true),
                    total_expected_purchases = table.Column<double>(type: "double precision", nullable: true),
                    acquisition_cost_per_customer = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    clv_to_cac = table.Column<double>(type: "double precision", nullable: true),
                    previous_customer_count = table.Column<int>(type: "integer", nullable: true),
                    customers_moved_in = table.Column<int>(type: "integer", nullable: true),
                    customers_moved_out = table.Column<int>(type: "integer", nullable: true),
                    rule_of_thumb_clv = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segment_summaries", x => new { x.calculation_run_id, x.segmentation, x.segment });
                    table.ForeignKey(
                        name: "fk_segment_summaries_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_problems",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_batch_id = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<long>(type: "bigint", nullable: false),
                    column = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    raw_record = table.Column<string>(type: "text", nullable: true)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    order_reference = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    channel = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    quantity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    import_batch_id = table.Column<long>(type: "bigint", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C")
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

            migrationBuilder.CreateTable(
                name: "role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_claims_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    secret_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_roles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    role_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_user_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_roles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "business_settings",
                columns: new[] { "id", "active_probability_threshold", "annual_discount_rate", "currency_code", "forecast_horizon_months", "high_churn_risk_below", "holdout_months", "medium_churn_risk_below", "middle_value_tier_share", "nightly_cron", "profit_margin", "purchase_window_days", "runs_to_keep", "time_unit", "time_zone_id", "top_value_tier_share", "updated_at_utc", "version" },
                values: new object[] { 1, 0.5, 0.10m, null, 12, 0.29999999999999999, 6, 0.59999999999999998, 0.29999999999999999, "0 2 * * *", 1m, 90, 30, "Week", "UTC", 0.20000000000000001, null, 1 });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_secret_hash",
                table: "api_tokens",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

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
                name: "ix_customer_metrics_calculation_run_id_segment",
                table: "customer_metrics",
                columns: new[] { "calculation_run_id", "segment" });

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
                name: "ix_model_fits_calculation_run_id_model_name_period",
                table: "model_fits",
                columns: new[] { "calculation_run_id", "model_name", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_role_claims_role_id",
                table: "role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_roles_normalized_name",
                table: "roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_segment_migrations_calculation_run_id_segmentation",
                table: "segment_migrations",
                columns: new[] { "calculation_run_id", "segmentation" });

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

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_role_id",
                table: "user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_normalized_email",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_users_normalized_user_name",
                table: "users",
                column: "normalized_user_name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "channel_acquisition_costs");

            migrationBuilder.DropTable(
                name: "clv_buckets");

            migrationBuilder.DropTable(
                name: "cohort_cells");

            migrationBuilder.DropTable(
                name: "customer_metrics");

            migrationBuilder.DropTable(
                name: "import_problems");

            migrationBuilder.DropTable(
                name: "kpi_summaries");

            migrationBuilder.DropTable(
                name: "model_check_points");

            migrationBuilder.DropTable(
                name: "model_fits");

            migrationBuilder.DropTable(
                name: "rfm_grid_cells");

            migrationBuilder.DropTable(
                name: "role_claims");

            migrationBuilder.DropTable(
                name: "segment_migrations");

            migrationBuilder.DropTable(
                name: "segment_summaries");

            migrationBuilder.DropTable(
                name: "transactions");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_roles");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "business_settings");

            migrationBuilder.DropTable(
                name: "calculation_runs");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
