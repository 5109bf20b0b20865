using System.Data.Common;
using System.Globalization;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CltvDashboard.Infrastructure.Import.Writing;

/// <summary>What the merge of the staged rows changed in the store.</summary>
/// <param name="Imported">Transactions added.</param>
/// <param name="NewCustomers">Customers added.</param>
/// <param name="Orders">Distinct order references among the sales added, plus sales added without one.</param>
/// <param name="NetRevenue">The sum of the amounts added.</param>
/// <param name="Added">The refunds among the amounts added, and the earliest and latest time added.</param>
internal sealed record MergeCounts(long Imported, long NewCustomers, long Orders, decimal NetRevenue, BatchExtent Added);

/// <summary>The refunds (a positive sum) and the time span of a batch's transactions; null times for an empty batch.</summary>
internal sealed record BatchExtent(decimal Refunds, DateTimeOffset? First, DateTimeOffset? Last);

/// <summary>
/// The provider-specific half of an import: streams rows into a temporary staging table on the context's open
/// connection and transaction, then merges them into customers and transactions with set-based SQL.
/// </summary>
/// <remarks>
/// The merge, shared by both providers up to dialect:
/// <list type="number">
/// <item>Identical rows without an order reference are purchases of their own: the second and later of each get the
/// hash of their occurrence (<see cref="RowContentHash.Repeat"/>), looked for only among the hashes the reader marked
/// as possibly repeated (<see cref="ImportRow.MayRepeat"/>).</item>
/// <item>Replace mode deletes every transaction first.</item>
/// <item>The staged customers are grouped once into a temporary table with their earliest staged time. Those not
/// yet known are inserted in key order with it as first seen; known customers whose staged rows are earlier get
/// that earlier time.</item>
/// <item>Staged rows are inserted joined to their customers; a content hash the store already holds is skipped,
/// which makes re-importing a file or an overlapping export add nothing twice.</item>
/// <item>Replace mode then deletes customers left without transactions and recomputes first seen from what remains.</item>
/// </list>
/// How the rows go into transactions depends on the import's size against the store's:
/// <list type="bullet">
/// <item>Small: in content-hash order with ON CONFLICT DO NOTHING on the unique index, so that the index grows in
/// order rather than at random pages.</item>
/// <item>At least <c>MinRowsToRebuildIndexes</c> rows into an empty table: every index (and on PostgreSQL every
/// foreign key) is dropped, rows go in as staged, and the indexes are built afterwards; building the unique index
/// is the dedupe check, and when it fails (the file repeats a row beyond the reader's window) a savepoint undoes
/// the insert and the next way is taken.</item>
/// <item>Larger than what the store holds: the secondary indexes are dropped and rebuilt around the insert; on
/// PostgreSQL the unique index too, the insert then deduping with an anti-join and DISTINCT ON.</item>
/// </list>
/// A row is a sale when its amount is zero or more; the reader makes refunds and cancellations negative.
/// </remarks>
internal abstract class StagingWriter : IAsyncDisposable
{
    protected const string StagingTable = "cltv_import_staging";
    protected const string StagedCustomersTable = "cltv_import_customers";
    protected const string ProblemsTable = "import_problems";
    protected const string RepeatsTable = "cltv_import_repeats";
    private const string ContactsTable = "cltv_import_contacts";
    private const int ContactsPerStatement = 200;
    private const string TransactionsTable = "transactions";
    private const string CustomersTable = "customers";
    private const int MaxColumnLength = 128;
    private const int MaxMessageLength = 2000;
    private const long MinRowsToRebuildIndexes = 10_000;

    private IReadOnlyList<string> _dropIndexes = [];
    private IReadOnlyList<string> _createIndexes = [];
    private IReadOnlyList<string> _dropUniqueIndexes = [];
    private IReadOnlyList<string> _createUniqueIndexes = [];
    private decimal _stagedRevenue;
    private decimal _stagedRefunds;
    private DateTimeOffset? _stagedFirst;
    private DateTimeOffset? _stagedLast;
    private long _stagedSales;
    private bool _stagedReferences;
    private bool _stagedChannels;
    private readonly HashSet<string> _mayRepeat = new(StringComparer.Ordinal);

    // Per customer, the latest non-empty e-mail and name of the rows staged, with the time of the row each came from.
    private readonly Dictionary<string, StagedContact> _contacts = new(StringComparer.Ordinal);

    protected StagingWriter(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    protected DbConnection Connection { get; }

    protected DbTransaction Transaction { get; }

    /// <summary>A writer for the context's provider; the context's connection must be open in <paramref name="transaction"/>.</summary>
    public static StagingWriter Create(CltvDbContext context, IDbContextTransaction transaction)
    {
        var connection = context.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        StagingWriter writer = connection switch
        {
            NpgsqlConnection npgsql => new PostgresStagingWriter(npgsql, dbTransaction),
            SqliteConnection sqlite => new SqliteStagingWriter(sqlite, dbTransaction),
            _ => throw new NotSupportedException($"Imports into {connection.GetType().Name} are not supported."),
        };
        (writer.DropSecondaryIndexes, writer.CreateSecondaryIndexes) = IndexSql(context, unique: false);
        (writer.DropForeignKeys, writer.CreateForeignKeys) = ForeignKeySql(context);
        (writer._dropUniqueIndexes, writer._createUniqueIndexes) = IndexSql(context, unique: true);
        (writer.DropCustomerIndexes, writer.CreateCustomerIndexes) = IndexSql(context, unique: null, CustomersTable);
        writer._dropIndexes = [.. writer.DropSecondaryIndexes, .. writer.DropForeignKeys];
        writer._createIndexes = [.. writer.CreateSecondaryIndexes, .. writer.CreateForeignKeys];
        return writer;
    }

    /// <summary>Creates the staging table and gets ready to take the rows of <paramref name="batchId"/>.</summary>
    public abstract Task BeginAsync(long batchId, CancellationToken cancellationToken);

    /// <summary>Adds one row; called on the hot path, synchronously, as the reader yields rows.</summary>
    public void Stage(ImportRow row)
    {
        StageRow(row);
        StagedRows++;
        _stagedRevenue += row.Amount;
        if (row.Amount >= 0)
        {
            _stagedSales++;
        }
        else
        {
            _stagedRefunds -= row.Amount;
        }

        if (_stagedFirst is null || row.OccurredAt < _stagedFirst)
        {
            _stagedFirst = row.OccurredAt;
        }

        if (_stagedLast is null || row.OccurredAt > _stagedLast)
        {
            _stagedLast = row.OccurredAt;
        }

        _stagedReferences |= row.OrderReference is not null;
        _stagedChannels |= row.Channel is not null;
        if (row.MayRepeat)
        {
            _mayRepeat.Add(row.ContentHash);
        }

        if (row.Email is not null || row.Name is not null)
        {
            NoteContact(row);
        }
    }

    private void NoteContact(ImportRow row)
    {
        var email = CustomerContact.Email(row.Email);
        var name = CustomerContact.Name(row.Name);
        if (email is null && name is null)
        {
            return;
        }

        ref var contact = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_contacts, row.CustomerKey, out _);
        contact ??= new StagedContact();
        // Ties go to the later row of the file, which exports write in time order.
        if (email is not null && (contact.Email is null || row.OccurredAt >= contact.EmailAt))
        {
            contact.Email = email;
            contact.EmailAt = row.OccurredAt;
        }

        if (name is not null && (contact.Name is null || row.OccurredAt >= contact.NameAt))
        {
            contact.Name = name;
            contact.NameAt = row.OccurredAt;
        }
    }

    /// <summary>Flushes what is buffered and prepares the staging table for the merge.</summary>
    public abstract Task EndStagingAsync(CancellationToken cancellationToken);

    /// <summary>Merges the staged rows into the store under <paramref name="batchId"/>.</summary>
    public virtual async Task<MergeCounts> MergeAsync(long batchId, ImportMode mode, CancellationToken cancellationToken)
    {
        await NumberRepeatsAsync(StagingTable, cancellationToken).ConfigureAwait(false);
        if (mode == ImportMode.Replace)
        {
            await ExecuteAsync("DELETE FROM transactions", cancellationToken).ConfigureAwait(false);
        }

        // Each staged customer once, with its earliest time: the insert and the update below both read it,
        // a million rows instead of grouping millions of staged rows twice.
        await ExecuteAsync(
            $"CREATE TEMPORARY TABLE {StagedCustomersTable}{TemporaryTableOptions} AS SELECT customer_key, min(occurred_at_utc) AS first_seen FROM {StagingTable} GROUP BY customer_key",
            cancellationToken).ConfigureAwait(false);
        await AfterStagedCustomersAsync(cancellationToken).ConfigureAwait(false);
        var stagedCustomers = await ScalarAsync($"SELECT count(*) FROM {StagedCustomersTable}", cancellationToken).ConfigureAwait(false);
        var newCustomers = await ExecuteAsync(
            StagedRows >= MinRowsToRebuildIndexes ? InsertManyCustomersSql : InsertCustomersSql, cancellationToken).ConfigureAwait(false);
        if (mode == ImportMode.Append && newCustomers < stagedCustomers)
        {
            await ExecuteAsync(EarlierFirstSeenSql, cancellationToken).ConfigureAwait(false);
        }

        await AfterCustomersAsync(cancellationToken).ConfigureAwait(false);
        var stored = await StoredRowsUpToStagedAsync(cancellationToken).ConfigureAwait(false);
        var imported = stored == 0 && await TryInsertIntoEmptyAsync(batchId, cancellationToken).ConfigureAwait(false) is { } intoEmpty
            ? intoEmpty
            : await InsertDedupedAsync(batchId, rebuild: stored < StagedRows, cancellationToken).ConfigureAwait(false);

        if (mode == ImportMode.Replace)
        {
            await ExecuteAsync(
                "DELETE FROM customers WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = customers.id)",
                cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(RecomputeFirstSeenSql, cancellationToken).ConfigureAwait(false);
        }

        await MergeContactsAsync(cancellationToken).ConfigureAwait(false);

        // When every staged row went in and none has a reference, the batch holds exactly what was staged and
        // its counts are known without reading millions of rows back.
        var (orders, revenue, added) = StagedCountsHold(imported)
            ? StagedCounts
            : await CountBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
        await DropStagingAsync(cancellationToken).ConfigureAwait(false);

        // A replace starts the data anew: each of its customers is new to it, even one whose id the replaced data had.
        return new MergeCounts(imported, mode == ImportMode.Replace ? stagedCustomers : newCustomers, orders, revenue, added);
    }

    /// <summary>
    /// Sets the staged customers' e-mail addresses and names: a value this import carries replaces the stored one (the
    /// latest import's word wins), a value it lacks leaves the stored one alone. A few hundred customers per statement
    /// into a temporary table, then one update; nothing at all for exports without contacts.
    /// </summary>
    protected async Task MergeContactsAsync(CancellationToken cancellationToken)
    {
        if (_contacts.Count == 0)
        {
            return;
        }

        await ExecuteAsync(
            $"CREATE TEMPORARY TABLE {ContactsTable} (customer_key TEXT NOT NULL PRIMARY KEY, email TEXT NULL, name TEXT NULL){TemporaryTableOptions}",
            cancellationToken).ConfigureAwait(false);
        foreach (var chunk in _contacts.Chunk(ContactsPerStatement))
        {
            var values = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"(@k{i}, @e{i}, @n{i})"));
            await using var insert = Command($"INSERT INTO {ContactsTable} (customer_key, email, name) VALUES {values}");
            for (var i = 0; i < chunk.Length; i++)
            {
                AddParameter(insert, $"k{i}").Value = chunk[i].Key;
                AddParameter(insert, $"e{i}").Value = (object?)chunk[i].Value.Email ?? DBNull.Value;
                AddParameter(insert, $"n{i}").Value = (object?)chunk[i].Value.Name ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(
            $"""
            UPDATE customers SET
                email = COALESCE((SELECT s.email FROM {ContactsTable} s WHERE s.customer_key = customers.external_id), email),
                name = COALESCE((SELECT s.name FROM {ContactsTable} s WHERE s.customer_key = customers.external_id), name)
            WHERE external_id IN (SELECT customer_key FROM {ContactsTable})
            """,
            cancellationToken).ConfigureAwait(false);
        await ExecuteAsync($"DROP TABLE {ContactsTable}", cancellationToken).ConfigureAwait(false);
        _contacts.Clear();
    }

    /// <summary>
    /// Gives each customer of <paramref name="batchId"/> the channel of their earliest stored transaction as the
    /// acquisition channel; after the merge, in the same transaction. Skipped when neither this file nor the store
    /// names any channel, so exports without a channel column pay nothing for it.
    /// </summary>
    /// <returns>The customers whose acquisition channel was set.</returns>
    public async Task<int> AssignAcquisitionChannelsAsync(long batchId, CancellationToken cancellationToken)
    {
        // An appended file can move a customer's first purchase earlier, so a store that already knows channels is
        // re-read for this batch's customers even when the new file has none.
        if (!_stagedChannels
            && await ScalarAsync("SELECT count(*) FROM (SELECT 1 FROM customers WHERE acquisition_channel IS NOT NULL LIMIT 1) known", cancellationToken).ConfigureAwait(false) == 0)
        {
            return 0;
        }

        return await ExecuteAsync(
            """
            UPDATE customers SET acquisition_channel = (
                SELECT t.channel FROM transactions t WHERE t.customer_id = customers.id ORDER BY t.occurred_at_utc, t.id LIMIT 1)
            WHERE id IN (SELECT customer_id FROM transactions WHERE import_batch_id = @batch)
            """,
            cancellationToken,
            batchId).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores the rejected rows of <paramref name="batchId"/>, each column and message cut to what the schema holds;
    /// after the merge, in the same transaction.
    /// </summary>
    public virtual async Task InsertProblemsAsync(long batchId, IEnumerable<ImportProblem> problems, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"INSERT INTO {ProblemsTable} (import_batch_id, line_number, \"column\", message, raw_record) VALUES (@batch, @line, @column, @message, @raw)",
            batchId);
        var line = AddParameter(command, "line");
        var column = AddParameter(command, "column");
        var message = AddParameter(command, "message");
        var raw = AddParameter(command, "raw");
        foreach (var problem in problems)
        {
            var stored = Stored(problem);
            line.Value = stored.Line;
            column.Value = (object?)stored.Column ?? DBNull.Value;
            message.Value = stored.Message;
            raw.Value = (object?)stored.RawRecord ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A problem as the import_problems table holds it: an empty column is null, long texts are cut.</summary>
    internal static (long Line, string? Column, string Message, string? RawRecord) Stored(ImportProblem problem) => (
        problem.Line,
        problem.Column.Length == 0 ? null : Truncate(problem.Column, MaxColumnLength),
        Truncate(problem.Message, MaxMessageLength),
        problem.RawRecord);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public abstract ValueTask DisposeAsync();

    private sealed class StagedContact
    {
        public string? Email { get; set; }

        public DateTimeOffset EmailAt { get; set; }

        public string? Name { get; set; }

        public DateTimeOffset NameAt { get; set; }
    }

    /// <summary>Counts the rows written to the staging table.</summary>
    protected long StagedRows { get; private set; }

    /// <summary>The transactions' secondary (non-unique) indexes, dropped and created as the schema defines them.</summary>
    protected IReadOnlyList<string> DropSecondaryIndexes { get; private set; } = [];

    /// <inheritdoc cref="DropSecondaryIndexes"/>
    protected IReadOnlyList<string> CreateSecondaryIndexes { get; private set; } = [];

    /// <summary>The transactions' foreign keys (PostgreSQL only), dropped and added back validating every row.</summary>
    protected IReadOnlyList<string> DropForeignKeys { get; private set; } = [];

    /// <inheritdoc cref="DropForeignKeys"/>
    protected IReadOnlyList<string> CreateForeignKeys { get; private set; } = [];

    /// <summary>The customers' indexes other than the primary key.</summary>
    protected IReadOnlyList<string> DropCustomerIndexes { get; private set; } = [];

    /// <inheritdoc cref="DropCustomerIndexes"/>
    protected IReadOnlyList<string> CreateCustomerIndexes { get; private set; } = [];

    /// <summary>The transactions' unique index on the content hash.</summary>
    protected IReadOnlyList<string> DropUniqueIndexes => _dropUniqueIndexes;

    /// <inheritdoc cref="DropUniqueIndexes"/>
    protected IReadOnlyList<string> CreateUniqueIndexes => _createUniqueIndexes;

    /// <summary>Whether every staged row went in and none had a reference: the batch's counts are then the staged ones.</summary>
    protected bool StagedCountsHold(long imported) => imported == StagedRows && !_stagedReferences;

    /// <summary>Orders, net revenue, refunds and time span of what was staged.</summary>
    protected (long Orders, decimal Revenue, BatchExtent Added) StagedCounts => (_stagedSales, _stagedRevenue, new BatchExtent(_stagedRefunds, _stagedFirst, _stagedLast));

    /// <summary>What follows the name of a temporary table created in the import's transaction.</summary>
    protected virtual string TemporaryTableOptions => string.Empty;

    /// <summary>
    /// Whether a large import also drops the unique content-hash index and builds it again afterwards, deduping
    /// with <see cref="InsertTransactionsWithoutUniqueIndexSql"/> instead.
    /// </summary>
    protected virtual bool RebuildsUniqueIndex => false;

    /// <summary>Inserts the staged customers the store does not know; must return the number inserted.</summary>
    protected abstract string InsertCustomersSql { get; }

    /// <summary>The same as <see cref="InsertCustomersSql"/>, for an import large enough to rebuild indexes.</summary>
    protected virtual string InsertManyCustomersSql => InsertCustomersSql;

    /// <summary>Moves known customers' first seen back to their earliest staged row.</summary>
    protected abstract string EarlierFirstSeenSql { get; }

    /// <summary>Inserts staged rows whose hash is new, with @batch as their batch; must return the number inserted.</summary>
    protected abstract string InsertTransactionsSql { get; }

    /// <summary>
    /// Inserts staged rows whose hash the store does not hold, each hash once, with @batch as their batch, while the
    /// unique index is dropped; must return the number inserted.
    /// </summary>
    protected virtual string InsertTransactionsWithoutUniqueIndexSql => throw new NotSupportedException();

    /// <summary>Whether an error is the violation of a unique index.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Adds one row to the staging table.</summary>
    protected abstract void StageRow(ImportRow row);

    /// <summary>Sets every customer's first seen to their earliest transaction.</summary>
    protected abstract string RecomputeFirstSeenSql { get; }

    /// <summary>Orders, net revenue, refunds and time span of the transactions of a batch.</summary>
    protected abstract Task<(long Orders, decimal Revenue, BatchExtent Added)> CountBatchAsync(long batchId, CancellationToken cancellationToken);

    /// <summary>Refreshes what the planner knows of the staged customers.</summary>
    protected virtual Task AfterStagedCustomersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Refreshes what the planner knows once customers may have grown by millions.</summary>
    protected virtual Task AfterCustomersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Removes the staging table before commit where the provider does not.</summary>
    protected abstract Task DropStagingAsync(CancellationToken cancellationToken);

    // The drop and create statements of transactions' unique or non-unique indexes, generated from the model the
    // way the migrations create them, so a rebuilt index is the one the schema defines.
    private static (IReadOnlyList<string> Drop, IReadOnlyList<string> Create) IndexSql(CltvDbContext context, bool? unique, string tableName = TransactionsTable)
    {
        var (model, table) = TableModel(context, tableName);
        var indexes = table.Indexes.Where(i => unique is null || i.IsUnique == unique).ToArray();
        return Generate(
            context,
            model,
            indexes.Select(i => (MigrationOperation)new DropIndexOperation { Name = i.Name, Table = table.Name, Schema = table.Schema }),
            indexes.Select(i => (MigrationOperation)CreateIndexOperation.CreateFrom(i)));
    }

    // PostgreSQL checks foreign keys with a trigger per inserted row; adding the constraint back validates all rows
    // with one join. SQLite cannot drop a constraint without rebuilding the table, so it has none to drop here.
    private static (IReadOnlyList<string> Drop, IReadOnlyList<string> Create) ForeignKeySql(CltvDbContext context)
    {
        if (!context.Database.IsNpgsql())
        {
            return ([], []);
        }

        var (model, table) = TableModel(context, TransactionsTable);
        return Generate(
            context,
            model,
            table.ForeignKeyConstraints.Select(k => (MigrationOperation)new DropForeignKeyOperation { Name = k.Name, Table = table.Name, Schema = table.Schema }),
            table.ForeignKeyConstraints.Select(k => (MigrationOperation)AddForeignKeyOperation.CreateFrom(k)));
    }

    private static (IModel Model, ITable Table) TableModel(CltvDbContext context, string tableName)
    {
        var model = context.GetService<IDesignTimeModel>().Model;
        return (model, model.GetRelationalModel().Tables.Single(t => t.Name == tableName));
    }

    private static (IReadOnlyList<string> Drop, IReadOnlyList<string> Create) Generate(
        CltvDbContext context, IModel model, IEnumerable<MigrationOperation> drop, IEnumerable<MigrationOperation> create)
    {
        var generator = context.GetService<IMigrationsSqlGenerator>();
        return (
            generator.Generate(drop.ToList(), model).Select(c => c.CommandText).ToArray(),
            generator.Generate(create.ToList(), model).Select(c => c.CommandText).ToArray());
    }

    // Maintaining the secondary indexes row by row costs far more than building them once from sorted data, but
    // rebuilding them costs in proportion to the whole table: worth it only when the import at least doubles it.
    private async Task<long> InsertDedupedAsync(long batchId, bool rebuild, CancellationToken cancellationToken)
    {
        var rebuildUnique = rebuild && RebuildsUniqueIndex;
        if (rebuild)
        {
            await ExecuteAllAsync(rebuildUnique ? [.. _dropUniqueIndexes, .. _dropIndexes] : _dropIndexes, cancellationToken).ConfigureAwait(false);
        }

        var imported = await ExecuteAsync(rebuildUnique ? InsertTransactionsWithoutUniqueIndexSql : InsertTransactionsSql, cancellationToken, batchId)
            .ConfigureAwait(false);
        if (rebuild)
        {
            await ExecuteAllAsync(rebuildUnique ? [.. _createUniqueIndexes, .. _createIndexes] : _createIndexes, cancellationToken).ConfigureAwait(false);
        }

        return imported;
    }

    // Returns the rows stored, counted up to the number staged: null when the import is too small to rebuild anything.
    private async Task<long?> StoredRowsUpToStagedAsync(CancellationToken cancellationToken)
    {
        if (StagedRows < MinRowsToRebuildIndexes)
        {
            return null;
        }

        await using var command = Command($"SELECT count(*) FROM (SELECT 1 FROM {TransactionsTable} LIMIT @limit) t");
        var limit = command.CreateParameter();
        limit.ParameterName = "limit";
        limit.Value = StagedRows;
        command.Parameters.Add(limit);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    // Into an empty table, rows go in as staged: no sort, no index to maintain. Building the unique index
    // afterwards is the dedupe check; when the file repeats a row beyond the reader's window the build fails,
    // the savepoint undoes the insert and the caller merges with the dedupe instead (null).
    private async Task<long?> TryInsertIntoEmptyAsync(long batchId, CancellationToken cancellationToken)
    {
        const string Savepoint = "cltv_import_unsorted";
        await ExecuteAsync($"SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
        await ExecuteAllAsync([.. _dropUniqueIndexes, .. _dropIndexes], cancellationToken).ConfigureAwait(false);
        var imported = await ExecuteAsync(
            $"""
            INSERT INTO transactions (customer_id, occurred_at_utc, amount, currency, order_reference, channel, quantity, import_batch_id, content_hash)
            SELECT c.id, s.occurred_at_utc, s.amount, s.currency, s.order_reference, s.channel, s.quantity, @batch, s.content_hash
            FROM {StagingTable} s JOIN customers c ON c.external_id = s.customer_key
            """,
            cancellationToken,
            batchId).ConfigureAwait(false);
        try
        {
            await ExecuteAllAsync(_createUniqueIndexes, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            await ExecuteAsync($"ROLLBACK TO SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync($"RELEASE SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
            return null;
        }

        await ExecuteAllAsync(_createIndexes, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync($"RELEASE SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
        return imported;
    }

    /// <summary>
    /// Gives the second and later of the identical rows without a reference in <paramref name="table"/> (the staging
    /// table, or transactions where rows were copied straight in) the hashes of their occurrences, so that each is a
    /// transaction of its own and the same file imported again gives the same hashes. Identical rows are alike in
    /// every stored field, so which of them counts as the first does not matter.
    /// </summary>
    protected async Task NumberRepeatsAsync(string table, CancellationToken cancellationToken)
    {
        if (_mayRepeat.Count == 0)
        {
            return;
        }

        await StageRepeatCandidatesAsync(_mayRepeat, cancellationToken).ConfigureAwait(false);
        var (select, match) = RowIdentity(table);
        var renamed = new List<(object Row, string Hash)>();
        using (var hashes = new RowContentHash(forStore: true))
        {
            await using var query = Command(
                $"""
                SELECT {select}, s.content_hash FROM {table} s
                WHERE s.order_reference IS NULL AND s.content_hash IN (SELECT content_hash FROM {RepeatsTable})
                ORDER BY s.content_hash
                """);
            await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            string? previous = null;
            long occurrence = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var hash = reader.GetString(1);
                occurrence = hash == previous ? occurrence + 1 : 0;
                previous = hash;
                if (occurrence > 0)
                {
                    renamed.Add((reader.GetValue(0), hashes.Repeat(hash, occurrence)));
                }
            }
        }

        await using (var update = Command($"UPDATE {table} SET content_hash = @hash WHERE {match}"))
        {
            var hash = AddParameter(update, "hash");
            var row = AddParameter(update, "row");
            foreach (var (id, newHash) in renamed)
            {
                hash.Value = newHash;
                row.Value = id;
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync($"DROP TABLE {RepeatsTable}", cancellationToken).ConfigureAwait(false);
        _mayRepeat.Clear();
    }

    /// <summary>Creates the temporary table <see cref="RepeatsTable"/> (content_hash) holding <paramref name="hashes"/>.</summary>
    protected virtual async Task StageRepeatCandidatesAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"CREATE TEMPORARY TABLE {RepeatsTable} (content_hash TEXT NOT NULL PRIMARY KEY)", cancellationToken).ConfigureAwait(false);
        await using var insert = Command($"INSERT INTO {RepeatsTable} (content_hash) VALUES (@hash)");
        var parameter = AddParameter(insert, "hash");
        foreach (var hash in hashes)
        {
            parameter.Value = hash;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How a row of <paramref name="table"/> is read as an identity, and matched by it as @row in an update.</summary>
    protected virtual (string Select, string Match) RowIdentity(string table) => ("s.rowid", "rowid = @row");

    protected async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    protected async Task ExecuteAllAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        foreach (var sql in statements)
        {
            await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }
    }

    protected DbCommand Command(string sql, long? batchId = null)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        // Set-based statements over millions of rows outlast the default 30 seconds on a busy machine.
        command.CommandTimeout = 0;
        if (batchId is { } id)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "batch";
            parameter.Value = id;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    protected async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, long? batchId = null)
    {
        await using var command = Command(sql, batchId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
