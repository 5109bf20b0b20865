using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace CltvDashboard.Infrastructure.Import.Writing;

/// <summary>Stages rows with binary COPY into a temporary table dropped at commit, then merges with PostgreSQL's ON CONFLICT.</summary>
internal sealed class PostgresStagingWriter(NpgsqlConnection connection, DbTransaction transaction) : StagingWriter(connection, transaction)
{
    private NpgsqlBinaryImporter? _copy;

    // In key order, so that the unique index on external_id grows at its end instead of at random pages.
    protected override string InsertCustomersSql => $"""
        INSERT INTO customers (external_id, first_seen_at_utc)
        SELECT customer_key, first_seen FROM {StagedCustomersTable} ORDER BY customer_key
        ON CONFLICT (external_id) DO NOTHING
        """;

    // A large import locks customers against other writers until it commits (readers go on), which makes an
    // anti-join as safe as ON CONFLICT without its speculative insertion of every row into the unique index.
    protected override string InsertManyCustomersSql => $"""
        LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE;
        INSERT INTO customers (external_id, first_seen_at_utc)
        SELECT s.customer_key, s.first_seen FROM {StagedCustomersTable} s
        WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer_key)
        ORDER BY s.customer_key
        """;

    protected override string EarlierFirstSeenSql => $"""
        UPDATE customers c SET first_seen_at_utc = s.first_seen
        FROM {StagedCustomersTable} s
        WHERE c.external_id = s.customer_key AND s.first_seen < c.first_seen_at_utc
        """;

    protected override string InsertTransactionsSql => $"""
        INSERT INTO transactions (customer_id, occurred_at_utc, amount, currency, order_reference, channel, quantity, import_batch_id, content_hash)
        SELECT c.id, s.occurred_at_utc, s.amount, s.currency, s.order_reference, s.channel, s.quantity, @batch, s.content_hash
        FROM {StagingTable} s JOIN customers c ON c.external_id = s.customer_key
        ORDER BY s.content_hash
        ON CONFLICT (content_hash) DO NOTHING
        """;

    // The store held fewer rows than the file before the unique index was dropped (and the dropped index's lock
    // keeps other writers out since): an anti-join finds the hashes already stored, DISTINCT ON the repeats
    // within the file that the reader's window let through.
    protected override string InsertTransactionsWithoutUniqueIndexSql => $"""
        INSERT INTO transactions (customer_id, occurred_at_utc, amount, currency, order_reference, channel, quantity, import_batch_id, content_hash)
        SELECT DISTINCT ON (s.content_hash) c.id, s.occurred_at_utc, s.amount, s.currency, s.order_reference, s.channel, s.quantity, @batch, s.content_hash
        FROM {StagingTable} s JOIN customers c ON c.external_id = s.customer_key
        WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.content_hash = s.content_hash)
        ORDER BY s.content_hash
        """;

    // Building the unique index once from sorted data costs a fraction of checking and inserting each row into it.
    protected override bool RebuildsUniqueIndex => true;

    protected override string TemporaryTableOptions => " ON COMMIT DROP";

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override string RecomputeFirstSeenSql => """
        UPDATE customers c SET first_seen_at_utc = t.first_seen
        FROM (SELECT customer_id, min(occurred_at_utc) AS first_seen FROM transactions GROUP BY customer_id) t
        WHERE c.id = t.customer_id AND c.first_seen_at_utc <> t.first_seen
        """;

    public override async Task BeginAsync(CancellationToken cancellationToken)
    {
        // A temporary table is neither WAL-logged nor visible to other sessions, and ON COMMIT DROP (or a rollback)
        // removes it before the pooled connection is reused.
        // The defaults (4 MB) make the merge's sort and any index rebuild spill to disk many times over; SET LOCAL
        // ends with the transaction, so the pooled connection goes back as it was.
        await ExecuteAsync("SET LOCAL maintenance_work_mem = '256MB'", cancellationToken).ConfigureAwait(false);
        // 256 MB holds the hash tables of a million customers (grouping, joining) without spilling in batches.
        await ExecuteAsync("SET LOCAL work_mem = '256MB'", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            $"""
            CREATE TEMPORARY TABLE {StagingTable} (
                customer_key text COLLATE "C" NOT NULL, occurred_at_utc timestamptz NOT NULL, amount numeric NOT NULL, currency text NOT NULL,
                order_reference text, channel text, quantity numeric, content_hash text COLLATE "C" NOT NULL) ON COMMIT DROP
            """,
            cancellationToken).ConfigureAwait(false);
        _copy = await connection.BeginBinaryImportAsync(
            $"COPY {StagingTable} (customer_key, occurred_at_utc, amount, currency, order_reference, channel, quantity, content_hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
    }

    // Synchronous writes: the reader yields rows synchronously and the importer flushes its buffer as it fills,
    // so a state machine per value would only add cost on the hottest path of the import.
    protected override void StageRow(ImportRow row)
    {
        var copy = _copy ?? throw new InvalidOperationException("Staging has not begun.");
        copy.StartRow();
        copy.Write(row.CustomerKey, NpgsqlDbType.Text);
        copy.Write(row.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        copy.Write(row.Amount, NpgsqlDbType.Numeric);
        copy.Write(row.Currency, NpgsqlDbType.Text);
        WriteNullable(copy, row.OrderReference);
        WriteNullable(copy, row.Channel);
        if (row.Quantity is { } quantity)
        {
            copy.Write(quantity, NpgsqlDbType.Numeric);
        }
        else
        {
            copy.WriteNull();
        }

        copy.Write(row.ContentHash, NpgsqlDbType.Text);
    }

    public override async Task EndStagingAsync(CancellationToken cancellationToken)
    {
        var copy = _copy ?? throw new InvalidOperationException("Staging has not begun.");
        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await copy.DisposeAsync().ConfigureAwait(false);
        _copy = null;
        // Temporary tables are never analysed automatically; without statistics the planner guesses a few rows
        // and picks nested loops for the joins of the merge.
        await ExecuteAsync($"ANALYZE {StagingTable}", cancellationToken).ConfigureAwait(false);
    }

    public override async Task InsertProblemsAsync(long batchId, IEnumerable<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var copy = await connection.BeginBinaryImportAsync(
            $"COPY {ProblemsTable} (import_batch_id, line_number, \"column\", message, raw_record) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        await using (copy.ConfigureAwait(false))
        {
            foreach (var problem in problems)
            {
                var stored = Stored(problem);
                copy.StartRow();
                copy.Write(batchId, NpgsqlDbType.Bigint);
                copy.Write(stored.Line, NpgsqlDbType.Bigint);
                WriteNullable(copy, stored.Column);
                copy.Write(stored.Message, NpgsqlDbType.Text);
                WriteNullable(copy, stored.RawRecord);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_copy is not null)
        {
            // Disposing an unfinished COPY cancels it; the transaction is rolled back by the caller.
            await _copy.DisposeAsync().ConfigureAwait(false);
            _copy = null;
        }
    }

    protected override async Task<(long Orders, decimal Revenue)> CountBatchAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            SELECT (count(DISTINCT order_reference) FILTER (WHERE amount >= 0)
                    + count(*) FILTER (WHERE amount >= 0 AND order_reference IS NULL))::bigint,
                   coalesce(sum(amount), 0)
            FROM transactions WHERE import_batch_id = @batch
            """,
            batchId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetDecimal(1));
    }

    protected override async Task AfterStagedCustomersAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync($"ANALYZE {StagedCustomersTable}", cancellationToken).ConfigureAwait(false);

    // Autovacuum analyses the new customers only after commit; the join of the merge needs their statistics now.
    protected override async Task AfterCustomersAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync("ANALYZE customers", cancellationToken).ConfigureAwait(false);

    protected override Task DropStagingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }
}
