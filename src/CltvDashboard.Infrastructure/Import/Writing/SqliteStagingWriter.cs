using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CltvDashboard.Infrastructure.Import.Writing;

/// <summary>
/// Stages rows with a prepared multi-row INSERT, reused for every batch of rows, into a temporary table; then
/// merges with SQLite's upsert. Values are bound straight through SQLite's C interface as UTF-8 from a reused
/// buffer, in the text forms Microsoft.Data.Sqlite writes for decimals and dates (which EF Core reads back):
/// binding through <see cref="SqliteParameter"/> boxed and converted each value to a new string, and cost as
/// much as all the rest of staging.
/// </summary>
internal sealed class SqliteStagingWriter(SqliteConnection connection, DbTransaction transaction) : StagingWriter(connection, transaction)
{
    // 64 rows of 8 values per statement: far below SQLite's limit on parameters, and enough that the cost of
    // stepping a statement is spread over many rows.
    private const int RowsPerStatement = 64;
    private const int ValuesPerRow = 8;

    // The staging table lives in the temporary schema; with SQLite's default 2 MB page cache its pages spill to
    // the temporary file almost as soon as they are written. 64 MB cuts that churn; a larger main cache was
    // measured not to speed up the merge, so only the temporary schema's cache grows, within the memory budget.
    private const int StagingCacheKibibytes = 65_536;

    private long? _tempCacheSize;

    private readonly ImportRow[] _buffer = new ImportRow[RowsPerStatement];
    private int _buffered;
    private const string DateFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
    private const string DecimalFormat = "0.0###########################";

    private readonly byte[] _utf8 = new byte[4 * 1024];
    private readonly char[] _chars = new char[64];
    private sqlite3_stmt? _insert;

    // "WHERE true" lets SQLite tell the upsert's ON CONFLICT from a join's ON.
    // In key order, so that the unique index on external_id grows at its end instead of at random pages.
    protected override string InsertCustomersSql => $"""
        INSERT INTO customers (external_id, first_seen_at_utc)
        SELECT customer_key, first_seen FROM temp.{StagedCustomersTable} WHERE true ORDER BY customer_key
        ON CONFLICT (external_id) DO NOTHING
        """;

    // Dates are ISO text of one format in UTC, so text order is time order.
    protected override string EarlierFirstSeenSql => $"""
        UPDATE customers SET first_seen_at_utc = s.first_seen
        FROM temp.{StagedCustomersTable} s
        WHERE customers.external_id = s.customer_key AND s.first_seen < customers.first_seen_at_utc
        """;

    protected override string InsertTransactionsSql => $"""
        INSERT INTO transactions (customer_id, occurred_at_utc, amount, currency, order_reference, channel, quantity, import_batch_id, content_hash)
        SELECT c.id, s.occurred_at_utc, s.amount, s.currency, s.order_reference, s.channel, s.quantity, @batch, s.content_hash
        FROM {StagingTable} s JOIN customers c ON c.external_id = s.customer_key WHERE true
        ORDER BY s.content_hash
        ON CONFLICT (content_hash) DO NOTHING
        """;

    protected override string RecomputeFirstSeenSql => """
        UPDATE customers SET first_seen_at_utc = t.first_seen
        FROM (SELECT customer_id, min(occurred_at_utc) AS first_seen FROM transactions GROUP BY customer_id) t
        WHERE customers.id = t.customer_id AND customers.first_seen_at_utc <> t.first_seen
        """;

    // SQLITE_CONSTRAINT: the only constraint an index build can break is uniqueness.
    protected override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 };

    public override async Task BeginAsync(long batchId, CancellationToken cancellationToken)
    {
        _tempCacheSize = await ScalarAsync("PRAGMA temp.cache_size", cancellationToken).ConfigureAwait(false);
        await SetTempCacheSizeAsync(-StagingCacheKibibytes, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            $"""
            CREATE TEMPORARY TABLE {StagingTable} (
                customer_key TEXT NOT NULL, occurred_at_utc TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
                order_reference TEXT, channel TEXT, quantity TEXT, content_hash TEXT NOT NULL)
            """,
            cancellationToken).ConfigureAwait(false);
        _insert = Prepare(RowsPerStatement);
    }

    protected override void StageRow(ImportRow row)
    {
        _buffer[_buffered++] = row;
        if (_buffered == RowsPerStatement)
        {
            Flush(_insert ?? throw new InvalidOperationException("Staging has not begun."));
        }
    }

    public override Task EndStagingAsync(CancellationToken cancellationToken)
    {
        if (_buffered > 0)
        {
            using var tail = Prepare(_buffered);
            Flush(tail);
        }

        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        _insert?.Dispose();
        _insert = null;
        // Pooled connections keep their pragmas; the next user of this one gets the cache it had before.
        if (_tempCacheSize is { } temp && Connection.State == System.Data.ConnectionState.Open)
        {
            try
            {
                await SetTempCacheSizeAsync(temp, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or SqliteException)
            {
                // A transaction that SQLite rolled back by itself (a full disk, an I/O error) refuses every command
                // until it is disposed ("This SqliteTransaction has completed"); thrown from here, that would hide the
                // error that stopped the import. The pooled connection keeps the larger cache, which costs only memory.
            }
        }
    }

    protected override async Task<(long Orders, decimal Revenue, BatchExtent Added)> CountBatchAsync(long batchId, CancellationToken cancellationToken)
    {
        // Amounts are decimal text in SQLite; its sum() would add them as doubles, so the revenue is summed here.
        long orders;
        await using (var count = Command(
            """
            SELECT count(DISTINCT CASE WHEN amount NOT LIKE '-%' THEN order_reference END)
                   + coalesce(sum(CASE WHEN amount NOT LIKE '-%' AND order_reference IS NULL THEN 1 ELSE 0 END), 0)
            FROM transactions WHERE import_batch_id = @batch
            """,
            batchId))
        {
            orders = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        var revenue = 0m;
        var refunds = 0m;
        await using (var amounts = Command("SELECT amount FROM transactions WHERE import_batch_id = @batch", batchId))
        {
            await using var reader = await amounts.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var amount = reader.GetDecimal(0);
                revenue += amount;
                refunds -= Math.Min(amount, 0);
            }
        }

        // Times are ISO text of one format in UTC, so text order is time order.
        await using var span = Command("SELECT min(occurred_at_utc), max(occurred_at_utc) FROM transactions WHERE import_batch_id = @batch", batchId);
        await using var times = await span.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await times.ReadAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset? At(int ordinal) => times.IsDBNull(ordinal)
            ? null
            : new DateTimeOffset(DateTime.SpecifyKind(times.GetDateTime(ordinal), DateTimeKind.Utc));
        return (orders, revenue, new BatchExtent(refunds, At(0), At(1)));
    }

    // A temporary table lives as long as the connection, and pooled connections outlive the import.
    protected override async Task DropStagingAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync($"DROP TABLE temp.{StagingTable}", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync($"DROP TABLE temp.{StagedCustomersTable}", cancellationToken).ConfigureAwait(false);
    }

    // Without the import's transaction: the writer is disposed after it commits or rolls back.
    private async Task SetTempCacheSizeAsync(long kibibytesOrPages, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA temp.cache_size = {kibibytesOrPages}");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sqlite3_stmt Prepare(int rows)
    {
        var sql = new StringBuilder(
            $"INSERT INTO {StagingTable} (customer_key, occurred_at_utc, amount, currency, order_reference, channel, quantity, content_hash) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ",(");
            sql.AppendJoin(',', Enumerable.Repeat('?', ValuesPerRow));
            sql.Append(')');
        }

        Check(raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement));
        return statement;
    }

    private void Flush(sqlite3_stmt statement)
    {
        for (var row = 0; row < _buffered; row++)
        {
            var item = _buffer[row];
            var at = (row * ValuesPerRow) + 1;
            BindText(statement, at, item.CustomerKey);
            item.OccurredAt.UtcDateTime.TryFormat(_chars, out var written, DateFormat, CultureInfo.InvariantCulture);
            BindText(statement, at + 1, _chars.AsSpan(0, written));
            BindDecimal(statement, at + 2, item.Amount);
            BindText(statement, at + 3, item.Currency);
            BindText(statement, at + 4, item.OrderReference);
            BindText(statement, at + 5, item.Channel);
            if (item.Quantity is { } quantity)
            {
                BindDecimal(statement, at + 6, quantity);
            }
            else
            {
                Check(raw.sqlite3_bind_null(statement, at + 6));
            }

            BindText(statement, at + 7, item.ContentHash);
        }

        var done = raw.sqlite3_step(statement);
        if (done != raw.SQLITE_DONE)
        {
            Check(done);
        }

        Check(raw.sqlite3_reset(statement));
        Array.Clear(_buffer, 0, _buffered);
        _buffered = 0;
    }

    private void BindDecimal(sqlite3_stmt statement, int index, decimal value)
    {
        value.TryFormat(_chars, out var written, DecimalFormat, CultureInfo.InvariantCulture);
        BindText(statement, index, _chars.AsSpan(0, written));
    }

    private void BindText(sqlite3_stmt statement, int index, ReadOnlySpan<char> value)
    {
        // Values longer than the buffer (no identifier or reference is near it) get one of their own.
        var buffer = Encoding.UTF8.GetMaxByteCount(value.Length) <= _utf8.Length ? _utf8 : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        Check(raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, length)));
    }

    private void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
        }
        else
        {
            BindText(statement, index, value.AsSpan());
        }
    }

    private void Check(int resultCode)
    {
        if (resultCode != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(resultCode, connection.Handle);
        }
    }
}
