using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CltvDashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Digest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "digest_subscriptions",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    hour = table.Column<int>(type: "INTEGER", nullable: false),
                    unsubscribe_token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subscribed_at_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_scheduled_for_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_sent_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digest_subscriptions", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_digest_subscriptions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_digest_subscriptions_unsubscribe_token",
                table: "digest_subscriptions",
                column: "unsubscribe_token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digest_subscriptions");
        }
    }
}
