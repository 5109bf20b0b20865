using System.Data.Common;
using CltvDashboard.Infrastructure.Data.Entities;
using Npgsql;
using NpgsqlTypes;

namespace CltvDashboard.Infrastructure.Import.Writing;

/// <summary>
/// Stages rows with binary COPY into a temporary table dropped at commit, then merges with set-based SQL; into a
/// store without customers, copies the rows straight into transactions instead.
/// </summary>
/// <remarks>
/// The direct way (the first import of a dataset): the customers and transactions tables are locked against other
/// writers, the indexes of both (and the transactions' foreign keys, unless the role may skip their triggers) are
/// dropped, and every row is written once, by binary COPY, with identifiers reserved from the tables' identity
/// sequences: a customer's id is given when its key is first seen and its first seen is the earliest of its rows,
/// so the customers are copied after the transactions. No staging table, no join, no sort, no sequence call per row.
/// Building the unique index on the content hash is then the dedupe check, as for an empty table on the staged
/// way; when the file repeats a row beyond the reader's window, the later copies are deleted before it is built
/// again. Readers of transactions wait for the import to commit (the dropped indexes lock the table): the store
/// had nothing to show.
/// </remarks>
internal sealed class PostgresStagingWriter(NpgsqlConnection connection, DbTransaction transaction) : StagingWriter(connection, transaction)
{
    private const string CustomerSequence = "pg_get_serial_sequence('customers', 'id')";
    private const string TransactionSequence = "pg_get_serial_sequence('transactions', 'id')";

    private readonly CustomerKeyTable _customers = new();
    private PgBinaryCopyWriter? _copy;
    private bool _direct;
    private bool _replica;
    private long _batchId;
    private long _firstCustomerId;
    private long _firstTransactionId;
    private string? _lastCustomer;
    private int _lastCustomerIndex;

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

    // The anti-join drops the rows already stored in one pass (a hash anti-join for a large import, index probes for
    // a small one) before they are sorted and offered to the unique index one by one, which is far cheaper than
    // ON CONFLICT alone for a re-import (bench/README.md). ON CONFLICT stays for rows that another import commits
    // meanwhile.
    protected override string InsertTransactionsSql => $"""
        INSERT INTO transactions (customer_id, occurred_at_utc, amount, currency, order_reference, channel, quantity, import_batch_id, content_hash)
        SELECT c.id, s.occurred_at_utc, s.amount, s.currency, s.order_reference, s.channel, s.quantity, @batch, s.content_hash
        FROM {StagingTable} s JOIN customers c ON c.external_id = s.customer_key
        WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.content_hash = s.content_hash)
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

    public override async Task BeginAsync(long batchId, CancellationToken cancellationToken)
    {
        _batchId = batchId;
        // The defaults (4 MB) make the merge's sort and any index rebuild spill to disk many times over; SET LOCAL
        // ends with the transaction, so the pooled connection goes back as it was.
        await ExecuteAsync("SET LOCAL maintenance_work_mem = '256MB'", cancellationToken).ConfigureAwait(false);
        // 256 MB holds the hash tables of a million customers (grouping, joining) without spilling in batches.
        await ExecuteAsync("SET LOCAL work_mem = '256MB'", cancellationToken).ConfigureAwait(false);
        if (await IsEmptyStoreAsync(cancellationToken).ConfigureAwait(false))
        {
            await BeginDirectAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // A temporary table is neither WAL-logged nor visible to other sessions, and ON COMMIT DROP (or a rollback)
        // removes it before the pooled connection is reused.
        await ExecuteAsync(
            $"""
            CREATE TEMPORARY TABLE {StagingTable} (
                customer_key text COLLATE "C" NOT NULL, occurred_at_utc timestamptz NOT NULL, amount numeric NOT NULL, currency text NOT NULL,
                order_reference text, channel text, quantity numeric, content_hash text COLLATE "C" NOT NULL) ON COMMIT DROP
            """,
            cancellationToken).ConfigureAwait(false);
        _copy = await PgBinaryCopyWriter.BeginAsync(
            connection,
            $"COPY {StagingTable} (customer_key, occurred_at_utc, amount, currency, order_reference, channel, quantity, content_hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
    }

    // Synchronous writes: the reader yields rows synchronously and the importer flushes its buffer as it fills,
    // so a state machine per value would only add cost on the hottest path of the import.
    protected override void StageRow(ImportRow row)
    {
        var copy = _copy ?? throw new InvalidOperationException("Staging has not begun.");
        if (_direct)
        {
            copy.StartRow(10);
            copy.WriteInt64(_firstTransactionId + StagedRows);
            copy.WriteInt64(_firstCustomerId + CustomerIndex(row));
        }
        else
        {
            copy.StartRow(8);
            copy.WriteText(row.CustomerKey);
        }

        copy.WriteTimestamp(row.OccurredAt.UtcTicks);
        copy.WriteNumeric(row.Amount);
        copy.WriteText(row.Currency);
        copy.WriteText(row.OrderReference);
        copy.WriteText(row.Channel);
        if (row.Quantity is { } quantity)
        {
            copy.WriteNumeric(quantity);
        }
        else
        {
            copy.WriteNull();
        }

        if (_direct)
        {
            copy.WriteInt64(_batchId);
        }

        copy.WriteText(row.ContentHash);
    }

    public override async Task EndStagingAsync(CancellationToken cancellationToken)
    {
        var copy = _copy ?? throw new InvalidOperationException("Staging has not begun.");
        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        _copy = null;
        if (_direct)
        {
            await CopyCustomersAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // Temporary tables are never analysed automatically; without statistics the planner guesses a few rows
        // and picks nested loops for the joins of the merge.
        await ExecuteAsync($"ANALYZE {StagingTable}", cancellationToken).ConfigureAwait(false);
    }

    public override async Task<MergeCounts> MergeAsync(long batchId, ImportMode mode, CancellationToken cancellationToken)
    {
        if (!_direct)
        {
            return await base.MergeAsync(batchId, mode, cancellationToken).ConfigureAwait(false);
        }

        // The store had no customer, hence no transaction: replace and append are the same here.
        await NumberRepeatsAsync("transactions", cancellationToken).ConfigureAwait(false);
        const string Savepoint = "cltv_import_direct";
        await ExecuteAsync($"SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
        var imported = StagedRows;
        try
        {
            await ExecuteAllAsync(CreateUniqueIndexes, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync($"RELEASE SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The file repeats rows beyond the reader's window: the first copy of each (the lowest id, the earliest
            // line) stays. A repeat has its original's customer and time, so customers and first seen still hold.
            await ExecuteAsync($"ROLLBACK TO SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync($"RELEASE SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
            imported -= await ExecuteAsync(
                """
                DELETE FROM transactions t USING (
                    SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY content_hash ORDER BY id) AS copy FROM transactions) c WHERE c.copy > 1) r
                WHERE t.id = r.id
                """,
                cancellationToken).ConfigureAwait(false);
            await ExecuteAllAsync(CreateUniqueIndexes, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAllAsync(_replica ? CreateSecondaryIndexes : [.. CreateSecondaryIndexes, .. CreateForeignKeys], cancellationToken).ConfigureAwait(false);
        await MergeContactsAsync(cancellationToken).ConfigureAwait(false);
        var (orders, revenue, added) = StagedCountsHold(imported) ? StagedCounts : await CountBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        return new MergeCounts(imported, _customers.Count, orders, revenue, added);
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

    protected override async Task<(long Orders, decimal Revenue, BatchExtent Added)> CountBatchAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            SELECT (count(DISTINCT order_reference) FILTER (WHERE amount >= 0)
                    + count(*) FILTER (WHERE amount >= 0 AND order_reference IS NULL))::bigint,
                   coalesce(sum(amount), 0), coalesce(-sum(amount) FILTER (WHERE amount < 0), 0),
                   min(occurred_at_utc), max(occurred_at_utc)
            FROM transactions WHERE import_batch_id = @batch
            """,
            batchId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset? At(int ordinal) => reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero);
        return (reader.GetInt64(0), reader.GetDecimal(1), new BatchExtent(reader.GetDecimal(2), At(3), At(4)));
    }

    protected override async Task AfterStagedCustomersAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync($"ANALYZE {StagedCustomersTable}", cancellationToken).ConfigureAwait(false);

    // Autovacuum analyses the new customers only after commit; the join of the merge needs their statistics now.
    protected override async Task AfterCustomersAsync(CancellationToken cancellationToken) =>
        await ExecuteAsync("ANALYZE customers", cancellationToken).ConfigureAwait(false);

    protected override Task DropStagingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // One statement for all the hashes: a round trip for each would cost seconds for the few percent of a large file's
    // rows the reader's filter marks.
    protected override async Task StageRepeatCandidatesAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"CREATE TEMPORARY TABLE {RepeatsTable} (content_hash text COLLATE \"C\" NOT NULL PRIMARY KEY) ON COMMIT DROP", cancellationToken)
            .ConfigureAwait(false);
        await using var insert = Command($"INSERT INTO {RepeatsTable} (content_hash) SELECT unnest(@hashes)");
        insert.Parameters.Add(new NpgsqlParameter<string[]>("hashes", [.. hashes]));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync($"ANALYZE {RepeatsTable}", cancellationToken).ConfigureAwait(false);
    }

    // The staging table has no key of its own; a row's place (ctid) identifies it within the transaction.
    protected override (string Select, string Match) RowIdentity(string table) =>
        table == StagingTable ? ("s.ctid::text", "ctid = CAST(@row AS tid)") : ("s.id", "id = @row");

    // Locks out other writers before trusting that the store is empty; a concurrent import that got there first
    // leaves customers behind and this one takes the staged way.
    private async Task<bool> IsEmptyStoreAsync(CancellationToken cancellationToken)
    {
        const string Empty = "SELECT CASE WHEN EXISTS (SELECT 1 FROM customers) THEN 0 ELSE 1 END";
        if (await ScalarAsync(Empty, cancellationToken).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await ExecuteAsync("LOCK TABLE customers, transactions IN SHARE ROW EXCLUSIVE MODE", cancellationToken).ConfigureAwait(false);
        return await ScalarAsync(Empty, cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task BeginDirectAsync(CancellationToken cancellationToken)
    {
        _direct = true;
        // The locks keep other writers from drawing on the sequences until commit: the ids from these two on are this
        // import's, the sequences moved past them once the counts are known.
        _firstCustomerId = await ScalarAsync($"SELECT nextval({CustomerSequence})", cancellationToken).ConfigureAwait(false);
        _firstTransactionId = await ScalarAsync($"SELECT nextval({TransactionSequence})", cancellationToken).ConfigureAwait(false);
        // Every customer id written comes from the customers copied in this transaction and the batch was committed
        // before it: where the role may, the per-row triggers of the foreign keys are skipped rather than the keys
        // dropped and validated again with a join over every row.
        _replica = await ScalarAsync(
            "SELECT CASE WHEN has_parameter_privilege(current_user, 'session_replication_role', 'SET') THEN 1 ELSE 0 END", cancellationToken)
            .ConfigureAwait(false) == 1;
        if (_replica)
        {
            await ExecuteAsync("SET LOCAL session_replication_role = replica", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAllAsync(
            [.. DropUniqueIndexes, .. DropSecondaryIndexes, .. _replica ? [] : DropForeignKeys, .. DropCustomerIndexes], cancellationToken).ConfigureAwait(false);
        _copy = await PgBinaryCopyWriter.BeginAsync(
            connection,
            "COPY transactions (id, customer_id, occurred_at_utc, amount, currency, order_reference, channel, quantity, import_batch_id, content_hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
    }

    // A file lists a customer's rows together more often than not: the previous key is checked before the table.
    private int CustomerIndex(ImportRow row)
    {
        var ticks = row.OccurredAt.UtcTicks;
        if (string.Equals(row.CustomerKey, _lastCustomer, StringComparison.Ordinal))
        {
            _customers.SeenAt(_lastCustomerIndex, ticks);
            return _lastCustomerIndex;
        }

        _lastCustomer = row.CustomerKey;
        _lastCustomerIndex = _customers.Add(row.CustomerKey, ticks);
        return _lastCustomerIndex;
    }

    private async Task CopyCustomersAsync(CancellationToken cancellationToken)
    {
        var copy = await PgBinaryCopyWriter.BeginAsync(
            connection, "COPY customers (id, external_id, first_seen_at_utc) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (copy.ConfigureAwait(false))
        {
            for (var index = 0; index < _customers.Count; index++)
            {
                copy.StartRow(3);
                copy.WriteInt64(_firstCustomerId + index);
                copy.WriteText(_customers.Key(index));
                copy.WriteTimestamp(_customers.FirstSeenTicks(index));
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_replica)
        {
            await ExecuteAsync("SET LOCAL session_replication_role = origin", cancellationToken).ConfigureAwait(false);
        }

        // Built from the copied rows rather than maintained row by row; the unique one confirms the keys' uniqueness.
        await ExecuteAllAsync(CreateCustomerIndexes, cancellationToken).ConfigureAwait(false);

        // nextval gave each sequence's first id; the next ones drawn must follow this import's last.
        await MoveSequenceAsync(CustomerSequence, _firstCustomerId + _customers.Count - 1, cancellationToken).ConfigureAwait(false);
        await MoveSequenceAsync(TransactionSequence, _firstTransactionId + StagedRows - 1, cancellationToken).ConfigureAwait(false);
    }

    private async Task MoveSequenceAsync(string sequence, long last, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT setval({sequence}, greatest(@last, 1))");
        command.Parameters.Add(new NpgsqlParameter<long>("last", last));
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

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
