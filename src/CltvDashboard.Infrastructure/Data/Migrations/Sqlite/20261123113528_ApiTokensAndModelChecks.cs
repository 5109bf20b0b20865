using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiTokensAndModelChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
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

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_secret_hash",
                table: "api_tokens",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "model_check_points");
        }
    }
}
