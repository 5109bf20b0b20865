using CltvDashboard.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace CltvDashboard.Infrastructure.Tests.Data;

public class CltvDatabaseTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres", DatabaseProvider.Postgres)]
    [InlineData("Username=app; host=db.internal;Database=cltv", DatabaseProvider.Postgres)]
    [InlineData("Server=db;Database=cltv", DatabaseProvider.Postgres)]
    [InlineData("Data Source=/var/lib/cltv/cltv.db", DatabaseProvider.Sqlite)]
    [InlineData("/data/host=1/cltv.db", DatabaseProvider.Sqlite)]
    [InlineData("cltv.db", DatabaseProvider.Sqlite)]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("  ", DatabaseProvider.Sqlite)]
    public void Connection_strings_with_a_host_are_postgres_and_everything_else_sqlite(string? database, DatabaseProvider expected)
    {
        CltvDatabase.DetectProvider(database).Should().Be(expected);
    }

    [Fact]
    public void A_bare_path_becomes_a_sqlite_connection_string_to_its_full_path()
    {
        var connectionString = CltvDatabase.ToConnectionString("relative/cltv.db");

        new SqliteConnectionStringBuilder(connectionString).DataSource.Should().Be(Path.GetFullPath("relative/cltv.db"));
    }

    [Fact]
    public void Without_a_setting_the_store_is_the_default_sqlite_file()
    {
        var connectionString = CltvDatabase.ToConnectionString(null);

        new SqliteConnectionStringBuilder(connectionString).DataSource.Should().Be(CltvDatabase.DefaultSqlitePath);
        Path.GetFileName(CltvDatabase.DefaultSqlitePath).Should().Be("cltv.db");
    }

    [Fact]
    public void Connection_strings_are_passed_through_unchanged()
    {
        const string Postgres = "Host=db;Database=cltv;Username=app";
        const string Sqlite = "Data Source=/tmp/x.db;Cache=Shared";

        CltvDatabase.ToConnectionString(Postgres).Should().Be(Postgres);
        CltvDatabase.ToConnectionString(Sqlite).Should().Be(Sqlite);
    }
}
