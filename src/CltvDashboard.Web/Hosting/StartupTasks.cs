using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Configuration;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Hosting;

/// <summary>
/// Readies the store before the server takes requests: applies pending migrations, creates the roles, and
/// makes sure there is a way in: the first Admin from <c>CLTV_ADMIN_EMAIL</c>/<c>CLTV_ADMIN_PASSWORD</c>, or else,
/// while no user exists, the one-time setup token in the log.
/// </summary>
public sealed partial class StartupTasks : IHostedService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IConfiguration _configuration;
    private readonly SetupToken _setupToken;
    private readonly CltvWebOptions _options;
    private readonly ILogger<StartupTasks> _logger;

    public StartupTasks(
        IServiceScopeFactory scopes, IConfiguration configuration, SetupToken setupToken, IOptions<CltvWebOptions> options, ILogger<StartupTasks> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _configuration = configuration;
        _setupToken = setupToken;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken).ConfigureAwait(false);

            // Registering is idempotent, so every instance may do it; the settings page re-registers after a change.
            await services.GetRequiredService<NightlyRecalculation>().RegisterAsync(cancellationToken).ConfigureAwait(false);
            WeeklyDigestJob.Register(services.GetRequiredService<IRecurringJobManager>());
            if (_options.RunsJobs)
            {
                // Runs a stopped process left queued or half-done with no job are queued again; a run whose job
                // Hangfire's storage still holds (another worker's, or one it delivers again) is left to that job.
                await services.GetRequiredService<StaleRunRecovery>().RecoverAsync(cancellationToken).ConfigureAwait(false);
            }

            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in CltvRoles.All)
            {
                if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
                {
                    await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false);
                }
            }

            // Users sign in on web instances; a worker-only instance neither creates the first Admin nor offers setup.
            var users = services.GetRequiredService<UserManager<CltvUser>>();
            if (!_options.ServesUsers || users.Users.Any())
            {
                return;
            }

            var email = _configuration["Cltv:AdminEmail"];
            var password = _configuration["Cltv:AdminPassword"];
            if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrEmpty(password))
            {
                var created = await services.GetRequiredService<UserDirectory>().CreateAsync(email, password, CltvRoles.Admin).ConfigureAwait(false);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException(
                        "CLTV_ADMIN_EMAIL/CLTV_ADMIN_PASSWORD could not create the first Admin: " + string.Join(" ", created.Errors.Select(e => e.Description)));
                }

                LogAdminCreated();
                return;
            }

            LogSetupToken(_setupToken.Value);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first Admin from CLTV_ADMIN_EMAIL and CLTV_ADMIN_PASSWORD")]
    private partial void LogAdminCreated();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user exists yet: open /setup and enter the one-time setup token {SetupToken} to create the first Admin")]
    private partial void LogSetupToken(string? setupToken);
}
