using System.Globalization;
using CltvDashboard.Infrastructure.Import.Writing;
using CltvDashboard.Infrastructure.Tests.Support;
using Npgsql;

namespace CltvDashboard.Infrastructure.Tests.Import.Writing;

/// <summary>The import's own binary COPY writer, read back by PostgreSQL.</summary>
public sealed class PostgresCopyFormatTests(PostgresStoreDatabase store) : IClassFixture<PostgresStoreDatabase>
{
    [Fact]
    public async Task Numerics_timestamps_texts_and_nulls_arrive_as_written()
    {
        var random = new Random(11);
        var amounts = new List<decimal>
        {
            0m, -0.00m, 0.0001m, -0.0001m, 1m, -1m, 10.15m, 12.50m, 9999.9999m, 10000m, 100000000m, 0.00000015m, 123456789.123456789m,
            decimal.MaxValue, decimal.MinValue, 1e-28m, 0.1000m,
        };
        for (var i = 0; i < 2_000; i++)
        {
            amounts.Add(new decimal(random.Next(), random.Next(0, 100), random.Next(0, 3), random.Next(2) == 0, (byte)random.Next(0, 29)));
        }

        var times = amounts.Select((_, i) => new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(random.NextInt64(0, 3_000_000_000_000_000L) / 10 * 10)).ToList();
        await using var connection = new NpgsqlConnection(store.Database);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMPORARY TABLE copied (n int, amount numeric, at timestamptz, label text, missing numeric)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var copy = await PgBinaryCopyWriter.BeginAsync(connection, "COPY copied (n, amount, at, label, missing) FROM STDIN (FORMAT BINARY)", CancellationToken.None);
        await using (copy)
        {
            for (var i = 0; i < amounts.Count; i++)
            {
                copy.StartRow(5);
                copy.WriteInt32(i);
                copy.WriteNumeric(amounts[i]);
                copy.WriteTimestamp(times[i].Ticks);
                copy.WriteText(i % 3 == 0 ? "é€ " + new string('x', i) : i.ToString(CultureInfo.InvariantCulture));
                copy.WriteNull();
            }

            await copy.CompleteAsync(CancellationToken.None);
        }

        await using var read = new NpgsqlCommand("SELECT n, amount::text, at, label, missing IS NULL FROM copied ORDER BY n", connection);
        await using var reader = await read.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            var i = reader.GetInt32(0);
            decimal.Parse(reader.GetString(1), CultureInfo.InvariantCulture).Should().Be(amounts[i]);
            reader.GetString(1).Should().Be(amounts[i] == 0 ? amounts[i].ToString(CultureInfo.InvariantCulture).TrimStart('-') : amounts[i].ToString(CultureInfo.InvariantCulture));
            reader.GetDateTime(2).Should().Be(times[i]);
            reader.GetString(3).Should().Be(i % 3 == 0 ? "é€ " + new string('x', i) : i.ToString(CultureInfo.InvariantCulture));
            reader.GetBoolean(4).Should().BeTrue();
            count++;
        }

        count.Should().Be(amounts.Count);
    }
}
