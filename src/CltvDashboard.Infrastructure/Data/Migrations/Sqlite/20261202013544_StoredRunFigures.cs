using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoredRunFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clv_buckets",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    from = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    to = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    customers = table.Column<int>(type: "INTEGER", nullable: false),
                    total_clv = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
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
                name: "kpi_summaries",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customers = table.Column<int>(type: "INTEGER", nullable: false),
                    active_customers = table.Column<int>(type: "INTEGER", nullable: false),
                    active_probability_threshold = table.Column<double>(type: "REAL", nullable: false),
                    repeat_rate = table.Column<double>(type: "REAL", nullable: false),
                    average_order_value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    purchase_frequency = table.Column<double>(type: "REAL", nullable: false),
                    historical_revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    predicted_revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    total_clv = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    mean_clv = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    median_clv = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    mean_probability_alive = table.Column<double>(type: "REAL", nullable: true),
                    clv_to_cac = table.Column<double>(type: "REAL", nullable: true)
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
                name: "rfm_grid_cells",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recency_score = table.Column<int>(type: "INTEGER", nullable: false),
                    frequency_monetary_score = table.Column<int>(type: "INTEGER", nullable: false),
                    customers = table.Column<int>(type: "INTEGER", nullable: false),
                    mean_clv = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    segment = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clv_buckets");

            migrationBuilder.DropTable(
                name: "kpi_summaries");

            migrationBuilder.DropTable(
                name: "rfm_grid_cells");
        }
    }
}
