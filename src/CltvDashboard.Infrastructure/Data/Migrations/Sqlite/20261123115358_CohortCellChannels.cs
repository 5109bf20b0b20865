using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CohortCellChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_cohort_cells",
                table: "cohort_cells");

            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "cohort_cells",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "pk_cohort_cells",
                table: "cohort_cells",
                columns: new[] { "calculation_run_id", "channel", "acquisition_month", "months_since_acquisition" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_cohort_cells",
                table: "cohort_cells");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "cohort_cells");

            migrationBuilder.AddPrimaryKey(
                name: "pk_cohort_cells",
                table: "cohort_cells",
                columns: new[] { "calculation_run_id", "acquisition_month", "months_since_acquisition" });
        }
    }
}
