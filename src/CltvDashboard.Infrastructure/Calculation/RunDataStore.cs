using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Import;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// The set-based reads and bulk writes of a run, per provider, on the connection of the run's context: daily
/// totals per customer streamed through a data reader, customer rows by binary COPY (PostgreSQL) or one
/// prepared insert in a transaction (SQLite), and the lock that keeps two runs apart.
/// </summary>
internal abstract class RunDataStore(DbConnection connection)
{
    protected DbConnection Connection { get; } = connection;

    public static RunDataStore For(DbConnection connection) => connection switch
    {
        NpgsqlConnection npgsql => new PostgresRunDataStore(npgsql),
        SqliteConnection sqlite => new SqliteRunDataStore(sqlite),
        _ => throw new NotSupportedException($"No calculation store for {connection.GetType().Name}."),
    };

    /// <summary>Waits until no other run works on the same store, then holds that until the returned handle is disposed.</summary>
    public abstract Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken);

    /// <summary>Fills a log with each customer's purchases and refunds per day (business time zone), up to and including <paramref name="lastDay"/>.</summary>
    public abstract void ReadDailyTotals(TransactionLog log, TimeZoneInfo zone, DateOnly lastDay, CancellationToken cancellationToken);

    /// <summary>Writes the customer rows of a run inside <paramref name="transaction"/>.</summary>
    public abstract Task WriteCustomersAsync(long runId, CustomerRows customers, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The acquisition channel of every customer that has one.</summary>
    public Dictionary<long, string> ReadChannels()
    {
        var channels = new Dictionary<long, string>();
        using var command = Connection.CreateCommand();
        command.CommandText = "SELECT id, acquisition_channel FROM customers WHERE acquisition_channel IS NOT NULL";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            channels[reader.GetInt64(0)] = reader.GetString(1);
        }

        return channels;
    }

    /// <summary>Each customer's segments in a finished run.</summary>
    public Dictionary<long, PreviousSegments> ReadSegments(long runId)
    {
        var segments = new Dictionary<long, PreviousSegments>();
        // A handful of distinct names repeat across a million rows; one copy of each keeps the map small.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Name(string value)
        {
            if (!names.TryGetValue(value, out var shared))
            {
                names[value] = shared = value;
            }

            return shared;
        }

        using var command = Connection.CreateCommand();
        command.CommandText = """
            SELECT customer_id, segment, value_tier, churn_risk_band, acquisition_cohort, acquisition_channel
            FROM customer_metrics WHERE calculation_run_id = @run
            """;
        AddParameter(command, "run", runId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            segments[reader.GetInt64(0)] = new PreviousSegments(
                Name(reader.GetString(1)),
                Name(reader.GetString(2)),
                Name(reader.GetString(3)),
                ReadDate(reader, 4),
                reader.IsDBNull(5) ? null : Name(reader.GetString(5)));
        }

        return segments;
    }

    /// <summary>The tables holding a run's results, each keyed by <c>calculation_run_id</c>.</summary>
    internal static IReadOnlyList<string> ResultTables { get; } =
        ["customer_metrics", "segment_summaries", "segment_migrations", "cohort_cells", "model_fits", "model_check_points", "kpi_summaries", "clv_buckets", "rfm_grid_cells"];

    /// <summary>Deletes whatever an earlier, unfinished attempt at a run left behind, or every result of a run being pruned.</summary>

    public async Task DeleteResultsAsync(long runId, CancellationToken cancellationToken)
    {
        foreach (var table in ResultTables)
        {
            await using var command = Connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table} WHERE calculation_run_id = @run";
            AddParameter(command, "run", runId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected abstract DateOnly ReadDate(DbDataReader reader, int ordinal);

    protected static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    protected static void Add(TransactionLog log, char[] buffer, long customerId, DateOnly day, decimal amount)
    {
        customerId.TryFormat(buffer, out var length, provider: CultureInfo.InvariantCulture);
        log.Add(buffer.AsSpan(0, length), day, amount);
    }
}

internal sealed class PostgresRunDataStore(NpgsqlConnection connection) : RunDataStore(connection)
{
    // One key for the whole store: a session-level advisory lock is released by the server when the session
    // ends, so a worker killed mid-run never leaves the store locked.
    private const long LockKey = 0x434C_5456_5245_4341; // "CLTVRECA"

    public override async Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 })
        {
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new Release(connection);
    }

    public override void ReadDailyTotals(TransactionLog log, TimeZoneInfo zone, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var end = PurchaseDay.ToInstant(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).UtcDateTime;
        // The rows are streamed as they are, with the day cut in the business's time zone by the server (the rule of
        // PurchaseDay.Of: every stored time is an instant, and AT TIME ZONE gives the business clock's date), and the log
        // nets each customer's days itself. A GROUP BY (customer, day) in SQL returns almost as many rows (a
        // customer rarely buys twice a day) and costs a hash aggregate over the whole table that spills to disk, far
        // slower than the plain scan (bench/README.md).
        using var command = new NpgsqlCommand(
            """
            SELECT customer_id, (occurred_at_utc AT TIME ZONE @zone)::date - DATE '0001-01-01', (amount * 10000)::bigint
            FROM transactions
            WHERE occurred_at_utc < @end AND abs(amount) <= @maxAmount
            """,
            connection)
        {
            CommandTimeout = 0,
        };
        command.Parameters.AddWithValue("zone", zone.Id);
        command.Parameters.AddWithValue("maxAmount", ImportLimits.MaxAmount);
        command.Parameters.AddWithValue("end", NpgsqlDbType.TimestampTz, DateTime.SpecifyKind(end, DateTimeKind.Utc));
        using var reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
        var buffer = new char[20];
        // Days as day numbers and amounts as integer ten-thousandths (the column's scale): both decode faster than
        // PostgreSQL's date and numeric, and this loop runs once per transaction.
        while (reader.Read())
        {
            var customer = reader.GetInt64(0);
            var day = DateOnly.FromDayNumber(reader.GetInt32(1));
            var tenThousandths = reader.GetInt64(2);
            var magnitude = (ulong)Math.Abs(tenThousandths);
            Add(log, buffer, customer, day, new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, tenThousandths < 0, 4));
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public override async Task WriteCustomersAsync(long runId, CustomerRows customers, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // The foreign key to calculation_runs checks and locks the same run row once per customer row, about half of
        // the write (bench/README.md). Where the role may, the check is switched off for this transaction only
        // (as pg_restore does for bulk loads): the run row exists, is running, and only this lock holder deletes
        // runs, so the check cannot fail. Other roles pay for the check.
        await using (var privilege = new NpgsqlCommand(
            "SELECT has_parameter_privilege(current_user, 'session_replication_role', 'SET')", connection, (NpgsqlTransaction)transaction))
        {
            if (await privilege.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                await using var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, (NpgsqlTransaction)transaction);
                await replica.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var copy = await connection.BeginBinaryImportAsync(
            """
            COPY customer_metrics (calculation_run_id, customer_id, frequency, recency_days, tenure_days, days_since_last_purchase,
                total_revenue, mean_repeat_purchase_value, recency_score, frequency_score, monetary_score, segment, value_tier,
                churn_risk_band, acquisition_cohort, acquisition_channel, expected_average_value, probability_alive,
                expected_purchases, predicted_clv, purchase_probability, expected_next_purchase,
                purchases_low80, purchases_high80, clv_low80, clv_high80) FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken).ConfigureAwait(false);
        await using (copy.ConfigureAwait(false))
        {
            // Synchronous writes: the importer buffers and flushes as it fills, and a state machine per value
            // would only add cost to the hottest loop of the write.
            var ranges = customers.Ranges;
            for (var i = 0; i < customers.Length; i++)
            {
                ref readonly var c = ref customers.Rows[i];
                copy.StartRow();
                copy.Write(runId, NpgsqlDbType.Bigint);
                copy.Write(customers.Ids[i], NpgsqlDbType.Bigint);
                copy.Write(c.Frequency, NpgsqlDbType.Integer);
                copy.Write(c.RecencyDays, NpgsqlDbType.Double);
                copy.Write(c.TenureDays, NpgsqlDbType.Double);
                copy.Write(c.DaysSinceLastPurchase, NpgsqlDbType.Integer);
                copy.Write(c.TotalRevenue, NpgsqlDbType.Numeric);
                copy.Write(c.MeanRepeatPurchaseValue, NpgsqlDbType.Numeric);
                copy.Write(c.RecencyScore, NpgsqlDbType.Integer);
                copy.Write(c.FrequencyScore, NpgsqlDbType.Integer);
                copy.Write(c.MonetaryScore, NpgsqlDbType.Integer);
                copy.Write(c.Segment, NpgsqlDbType.Varchar);
                copy.Write(c.ValueTier, NpgsqlDbType.Varchar);
                copy.Write(c.ChurnRiskBand, NpgsqlDbType.Varchar);
                copy.Write(c.AcquisitionCohort, NpgsqlDbType.Date);
                WriteNullable(copy, c.AcquisitionChannel, NpgsqlDbType.Varchar);
                WriteNullable(copy, c.ExpectedAverageValue, NpgsqlDbType.Numeric);
                WriteNullable(copy, c.ProbabilityAlive, NpgsqlDbType.Double);
                WriteNullable(copy, c.ExpectedPurchases, NpgsqlDbType.Double);
                WriteNullable(copy, c.PredictedClv, NpgsqlDbType.Numeric);
                WriteNullable(copy, c.PurchaseProbability, NpgsqlDbType.Double);
                WriteNullable(copy, c.ExpectedNextPurchase, NpgsqlDbType.Date);
                WriteNullable(copy, ranges?.PurchasesLow80[i], NpgsqlDbType.Integer);
                WriteNullable(copy, ranges?.PurchasesHigh80[i], NpgsqlDbType.Integer);
                WriteNullable(copy, CustomerRangeColumns.Money(ranges?.ClvLow80, i), NpgsqlDbType.Numeric);
                WriteNullable(copy, CustomerRangeColumns.Money(ranges?.ClvHigh80, i), NpgsqlDbType.Numeric);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var origin = new NpgsqlCommand("SET LOCAL session_replication_role = origin", connection, (NpgsqlTransaction)transaction);
        await origin.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } present)
        {
            copy.Write(present, type);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private sealed class Release(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}

internal sealed class SqliteRunDataStore(SqliteConnection connection) : RunDataStore(connection)
{
    // Threads of this process queue on a semaphore per database file; other processes on the machine (the app and
    // `cltv recalc`, say) on an exclusive lock file beside it, which the operating system releases if its holder dies.
    // The file stays: deleting it on release would let a waiter lock the old file while a newcomer locks a new one.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);
    private static readonly TimeSpan LockFilePoll = TimeSpan.FromMilliseconds(200);

    public override async Task<IAsyncDisposable> LockAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(connection.DataSource);
        var gate = Locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                try
                {
                    var file = new FileStream(path + ".recalculation.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new Release(gate, file);
                }
                catch (IOException)
                {
                    await Task.Delay(LockFilePoll, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public override void ReadDailyTotals(TransactionLog log, TimeZoneInfo zone, DateOnly lastDay, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        // Rows stored before the import checked amounts may hold ones whose sums overflow; they are left out, never
        // allowed to stop a run (decimals are stored as text, which abs() reads as a number).
        command.CommandText = "SELECT customer_id, occurred_at_utc, amount FROM transactions WHERE abs(amount) <= $maxAmount";
        command.Parameters.AddWithValue("$maxAmount", (double)ImportLimits.MaxAmount);
        using var reader = command.ExecuteReader();
        var buffer = new char[20];
        while (reader.Read())
        {
            var day = PurchaseDay.Of(new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)), zone);
            if (day <= lastDay)
            {
                Add(log, buffer, reader.GetInt64(0), day, reader.GetDecimal(2));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public override async Task WriteCustomersAsync(long runId, CustomerRows customers, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = """
            INSERT INTO customer_metrics (calculation_run_id, customer_id, frequency, recency_days, tenure_days, days_since_last_purchase,
                total_revenue, mean_repeat_purchase_value, recency_score, frequency_score, monetary_score, segment, value_tier,
                churn_risk_band, acquisition_cohort, acquisition_channel, expected_average_value, probability_alive,
                expected_purchases, predicted_clv, purchase_probability, expected_next_purchase,
                purchases_low80, purchases_high80, clv_low80, clv_high80)
            VALUES ($run, $customer, $frequency, $recency, $tenure, $since, $revenue, $aov, $r, $f, $m, $segment, $tier,
                $risk, $cohort, $channel, $value, $alive, $purchases, $clv, $again, $next, $low, $high, $clvLow, $clvHigh)
            """;
        var names = new[] { "$run", "$customer", "$frequency", "$recency", "$tenure", "$since", "$revenue", "$aov", "$r", "$f", "$m", "$segment", "$tier", "$risk", "$cohort", "$channel", "$value", "$alive", "$purchases", "$clv", "$again", "$next", "$low", "$high", "$clvLow", "$clvHigh" };
        var parameters = names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        command.Prepare();
        parameters[0].Value = runId;
        var ranges = customers.Ranges;
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers.Rows[i];
            parameters[1].Value = customers.Ids[i];
            parameters[2].Value = c.Frequency;
            parameters[3].Value = c.RecencyDays;
            parameters[4].Value = c.TenureDays;
            parameters[5].Value = c.DaysSinceLastPurchase;
            parameters[6].Value = c.TotalRevenue;
            parameters[7].Value = c.MeanRepeatPurchaseValue;
            parameters[8].Value = c.RecencyScore;
            parameters[9].Value = c.FrequencyScore;
            parameters[10].Value = c.MonetaryScore;
            parameters[11].Value = c.Segment;
            parameters[12].Value = c.ValueTier;
            parameters[13].Value = c.ChurnRiskBand;
            parameters[14].Value = c.AcquisitionCohort;
            parameters[15].Value = (object?)c.AcquisitionChannel ?? DBNull.Value;
            parameters[16].Value = (object?)c.ExpectedAverageValue ?? DBNull.Value;
            parameters[17].Value = (object?)c.ProbabilityAlive ?? DBNull.Value;
            parameters[18].Value = (object?)c.ExpectedPurchases ?? DBNull.Value;
            parameters[19].Value = (object?)c.PredictedClv ?? DBNull.Value;
            parameters[20].Value = (object?)c.PurchaseProbability ?? DBNull.Value;
            parameters[21].Value = (object?)c.ExpectedNextPurchase ?? DBNull.Value;
            parameters[22].Value = (object?)ranges?.PurchasesLow80[i] ?? DBNull.Value;
            parameters[23].Value = (object?)ranges?.PurchasesHigh80[i] ?? DBNull.Value;
            parameters[24].Value = (object?)CustomerRangeColumns.Money(ranges?.ClvLow80, i) ?? DBNull.Value;
            parameters[25].Value = (object?)CustomerRangeColumns.Money(ranges?.ClvHigh80, i) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override DateOnly ReadDate(DbDataReader reader, int ordinal) =>
        DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Release(SemaphoreSlim gate, FileStream file) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync().ConfigureAwait(false);
            gate.Release();
        }
    }
}
