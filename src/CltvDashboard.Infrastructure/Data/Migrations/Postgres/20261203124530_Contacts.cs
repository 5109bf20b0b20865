using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Contacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "customers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name",
                table: "customers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "customer_erasures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    pseudonym = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    erased_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    erased_by_user_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    erased_by_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    import_problems_scrubbed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_erasures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_erasures_erased_at_utc",
                table: "customer_erasures",
                column: "erased_at_utc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_erasures");

            migrationBuilder.DropColumn(
                name: "email",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "name",
                table: "customers");
        }
    }
}
