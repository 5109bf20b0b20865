using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>
/// The store: customers, transactions, imports, settings, calculation runs and their results, and the users of the
/// web application (ASP.NET Core Identity, tables <c>users</c>, <c>roles</c>, <c>user_roles</c>, …). One model for
/// PostgreSQL and SQLite; each provider has a derived context (<see cref="PostgresCltvDbContext"/>,
/// <see cref="SqliteCltvDbContext"/>) that owns its migrations. Build one with <see cref="CltvDatabase"/>.
/// </summary>
/// <remarks>
/// Tables and columns are snake_case. Timestamps are UTC <see cref="DateTime"/> values and come back with
/// <see cref="DateTimeKind.Utc"/>; money is <see cref="decimal"/> with 4 decimal places.
/// <para>
/// After changing the model, add a migration for each provider, from the repository root:
/// <code>
/// dotnet tool restore
/// dotnet ef migrations add NAME --project src/CltvDashboard.Infrastructure --context PostgresCltvDbContext --output-dir Data/Migrations/Postgres
/// dotnet ef migrations add NAME --project src/CltvDashboard.Infrastructure --context SqliteCltvDbContext --output-dir Data/Migrations/Sqlite
/// </code>
/// and check that nothing is left over:
/// <code>
/// dotnet ef migrations has-pending-model-changes --project src/CltvDashboard.Infrastructure --context PostgresCltvDbContext
/// dotnet ef migrations has-pending-model-changes --project src/CltvDashboard.Infrastructure --context SqliteCltvDbContext
/// </code>
/// </para>
/// </remarks>
public abstract class CltvDbContext : IdentityDbContext<CltvUser, IdentityRole, string>
{
    /// <summary>Creates the context; derived contexts pass their own typed options.</summary>
    /// <param name="options">Options with the provider and connection configured.</param>
    protected CltvDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The generations of the store's data; the newest is the current one.</summary>
    public DbSet<Dataset> Datasets => Set<Dataset>();

    /// <summary>Customers, one per external identifier.</summary>
    public DbSet<Customer> Customers => Set<Customer>();

    /// <summary>Purchases and refunds.</summary>
    public DbSet<Transaction> Transactions => Set<Transaction>();

    /// <summary>Uploads of files.</summary>
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    /// <summary>Rows refused by imports.</summary>
    public DbSet<ImportProblem> ImportProblems => Set<ImportProblem>();

    /// <summary>The single row of business settings.</summary>
    public DbSet<BusinessSettings> BusinessSettings => Set<BusinessSettings>();

    /// <summary>Acquisition cost per channel, part of the business settings.</summary>
    public DbSet<ChannelAcquisitionCost> AcquisitionCosts => Set<ChannelAcquisitionCost>();

    /// <summary>Recalculations.</summary>
    public DbSet<CalculationRun> CalculationRuns => Set<CalculationRun>();

    /// <summary>Per-customer results of each run.</summary>
    public DbSet<RunCustomerMetric> CustomerMetrics => Set<RunCustomerMetric>();

    /// <summary>Per-segment results of each run.</summary>
    public DbSet<RunSegmentSummary> SegmentSummaries => Set<RunSegmentSummary>();

    /// <summary>Customers' moves between segments since the previous run, per run.</summary>
    public DbSet<RunSegmentMigration> SegmentMigrations => Set<RunSegmentMigration>();

    /// <summary>Cohort tables of each run.</summary>
    public DbSet<RunCohortCell> CohortCells => Set<RunCohortCell>();

    /// <summary>Models fitted in each run.</summary>
    public DbSet<RunModelFit> ModelFits => Set<RunModelFit>();

    /// <summary>Headline figures of each run.</summary>
    public DbSet<RunKpiSummary> KpiSummaries => Set<RunKpiSummary>();

    /// <summary>The predicted-CLV distribution of each run.</summary>
    public DbSet<RunClvBucket> ClvBuckets => Set<RunClvBucket>();

    /// <summary>The RFM grid of each run.</summary>
    public DbSet<RunRfmGridCell> RfmGridCells => Set<RunRfmGridCell>();

    /// <summary>The alert rules as set; a missing row means the defaults.</summary>
    public DbSet<AlertSettings> AlertSettings => Set<AlertSettings>();

    /// <summary>Alert rules that fired after runs, with the customers and segments they name.</summary>
    public DbSet<AlertFiring> AlertFirings => Set<AlertFiring>();

    /// <summary>Customers alerted per rule who have not recovered since.</summary>
    public DbSet<AlertCustomerState> AlertCustomerStates => Set<AlertCustomerState>();

    /// <summary>Webhooks that receive alerts.</summary>
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    /// <summary>Users who receive alerts by e-mail.</summary>
    public DbSet<AlertRecipient> AlertRecipients => Set<AlertRecipient>();

    /// <summary>Each alert to each webhook or user, with its attempts.</summary>
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();

    /// <summary>Users who receive the weekly digest, and when.</summary>
    public DbSet<DigestSubscription> DigestSubscriptions => Set<DigestSubscription>();

    /// <summary>The audit list of erased customers: pseudonym, who and when, no personal data.</summary>
    public DbSet<CustomerErasure> CustomerErasures => Set<CustomerErasure>();

    /// <inheritdoc />
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.UseSnakeCaseNamingConvention();
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        IdentityTableNames.Apply(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CltvDbContext).Assembly);
    }
}
