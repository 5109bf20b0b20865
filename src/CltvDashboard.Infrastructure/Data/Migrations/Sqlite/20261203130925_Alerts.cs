using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_customer_states",
                columns: table => new
                {
                    rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    alerted_in_run_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_customer_states", x => new { x.rule, x.customer_id });
                });

            migrationBuilder.CreateTable(
                name: "alert_firings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    fired_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    details = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_firings", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_firings_calculation_runs_calculation_run_id",
                        column: x => x.calculation_run_id,
                        principalTable: "calculation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_recipients",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_recipients", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_alert_recipients_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    high_value_at_risk = table.Column<bool>(type: "INTEGER", nullable: false),
                    overdue = table.Column<bool>(type: "INTEGER", nullable: false),
                    overdue_days = table.Column<int>(type: "INTEGER", nullable: false),
                    segment_change = table.Column<bool>(type: "INTEGER", nullable: false),
                    segment_change_percent = table.Column<double>(type: "REAL", nullable: false),
                    run_problem = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_endpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    secret = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_endpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alert_firing_customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    alert_firing_id = table.Column<long>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    purchase_probability = table.Column<double>(type: "REAL", nullable: true),
                    previous_purchase_probability = table.Column<double>(type: "REAL", nullable: true),
                    predicted_clv = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    expected_next_purchase = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    days_overdue = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_firing_customers", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_firing_customers_alert_firings_alert_firing_id",
                        column: x => x.alert_firing_id,
                        principalTable: "alert_firings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_firing_segments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    alert_firing_id = table.Column<long>(type: "INTEGER", nullable: false),
                    segmentation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    segment = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    customers = table.Column<int>(type: "INTEGER", nullable: false),
                    previous_customers = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_firing_segments", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_firing_segments_alert_firings_alert_firing_id",
                        column: x => x.alert_firing_id,
                        principalTable: "alert_firings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    alert_firing_id = table.Column<long>(type: "INTEGER", nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    webhook_endpoint_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recipient_user_id = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    delivered_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_attempt_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_deliveries_alert_firings_alert_firing_id",
                        column: x => x.alert_firing_id,
                        principalTable: "alert_firings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alert_deliveries_users_recipient_user_id",
                        column: x => x.recipient_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alert_deliveries_webhook_endpoints_webhook_endpoint_id",
                        column: x => x.webhook_endpoint_id,
                        principalTable: "webhook_endpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_delivery_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    alert_delivery_id = table.Column<long>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    attempted_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_delivery_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_delivery_attempts_alert_deliveries_alert_delivery_id",
                        column: x => x.alert_delivery_id,
                        principalTable: "alert_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_alert_firing_id",
                table: "alert_deliveries",
                column: "alert_firing_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_recipient_user_id",
                table: "alert_deliveries",
                column: "recipient_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_status",
                table: "alert_deliveries",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_webhook_endpoint_id",
                table: "alert_deliveries",
                column: "webhook_endpoint_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_delivery_attempts_alert_delivery_id_number",
                table: "alert_delivery_attempts",
                columns: new[] { "alert_delivery_id", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_alert_firing_customers_alert_firing_id_position",
                table: "alert_firing_customers",
                columns: new[] { "alert_firing_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_alert_firing_segments_alert_firing_id",
                table: "alert_firing_segments",
                column: "alert_firing_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_firings_calculation_run_id_rule",
                table: "alert_firings",
                columns: new[] { "calculation_run_id", "rule" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_customer_states");

            migrationBuilder.DropTable(
                name: "alert_delivery_attempts");

            migrationBuilder.DropTable(
                name: "alert_firing_customers");

            migrationBuilder.DropTable(
                name: "alert_firing_segments");

            migrationBuilder.DropTable(
                name: "alert_recipients");

            migrationBuilder.DropTable(
                name: "alert_settings");

            migrationBuilder.DropTable(
                name: "alert_deliveries");

            migrationBuilder.DropTable(
                name: "alert_firings");

            migrationBuilder.DropTable(
                name: "webhook_endpoints");
        }
    }
}
