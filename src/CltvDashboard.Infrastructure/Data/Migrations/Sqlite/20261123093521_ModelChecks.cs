using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModelChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "model_check_points",
                columns: table => new
                {
                    calculation_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    in_holdout = table.Column<bool>(type: "INTEGER", nullable: false),
                    customers = table.Column<int>(type: "INTEGER", nullable: false),
                    actual = table.Column<double>(type: "REAL", nullable: false),
                    predicted = table.Column<double>(type: "REAL", nullable: false),
                    cumulative_actual = table.Column<double>(type: "REAL", nullable: true),
                    cumulative_predicted = table.Column<double>(type: "REAL", nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_check_points");
        }
    }
}
