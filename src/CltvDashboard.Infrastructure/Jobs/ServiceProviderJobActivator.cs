using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CltvDashboard.Infrastructure.Jobs;

/// <summary>
/// Resolves job classes from a service provider, one DI scope per job, for hosts without Hangfire.AspNetCore
/// (the command line's worker). The web uses Hangfire.AspNetCore's activator instead.
/// </summary>
public sealed class ServiceProviderJobActivator : JobActivator
{
    private readonly IServiceScopeFactory _scopes;

    /// <summary>Creates the activator.</summary>
    /// <param name="scopes">Creates the scope of each job.</param>
    public ServiceProviderJobActivator(IServiceScopeFactory scopes) => _scopes = scopes;

    /// <inheritdoc />
    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(_scopes.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
