using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>
/// Brings a database up to the current schema by applying the pending migrations of its provider. The command
/// line and the web app run it on start, so an upgraded app never meets an old schema; data a migration cannot
/// compute in SQL (the stored figures of runs computed before runs stored them) is filled in after it.
/// </summary>
public sealed partial class DatabaseMigrator
{
    private readonly CltvDbContext _context;
    private readonly ILogger<DatabaseMigrator> _logger;

    /// <summary>Creates a migrator for a context; the caller keeps ownership of the context.</summary>
    /// <param name="context">A context of either provider.</param>
    /// <param name="logger">Where to report the migrations applied; none when null.</param>
    public DatabaseMigrator(CltvDbContext context, ILogger<DatabaseMigrator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _logger = logger ?? NullLogger<DatabaseMigrator>.Instance;
    }

    /// <summary>Applies every pending migration; does nothing on an up-to-date database.</summary>
    /// <param name="cancellationToken">Cancels between migrations.</param>
    /// <returns>The names of the migrations applied, oldest first.</returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await _context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count == 0)
        {
            return pending;
        }

        LogApplying(pending.Count, _context.Database.ProviderName, pending[^1]);
        await _context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Any(name => name.EndsWith("_" + Calculation.RunFiguresBackfill.Migration, StringComparison.Ordinal)))
        {
            await Calculation.RunFiguresBackfill.FillAsync(_context, cancellationToken).ConfigureAwait(false);
        }

        return pending;
    }

    /// <summary>Opens a database setting, applies its pending migrations and closes it.</summary>
    /// <param name="database">A connection string or a SQLite file path; null or blank for the default SQLite file.</param>
    /// <param name="cancellationToken">Cancels between migrations.</param>
    /// <returns>The names of the migrations applied, oldest first.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string? database, CancellationToken cancellationToken = default)
    {
        var context = CltvDatabase.CreateContext(database);
        await using (context.ConfigureAwait(false))
        {
            return await new DatabaseMigrator(context).MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) on {Provider}, up to {LastMigration}")]
    private partial void LogApplying(int count, string? provider, string lastMigration);
}
