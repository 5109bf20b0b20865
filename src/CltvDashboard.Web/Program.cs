using CltvDashboard.Web;
using CltvDashboard.Web.Alerts;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Endpoints;
using CltvDashboard.Web.Hosting;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Jobs;
using CltvDashboard.Web.Security;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddEnvironmentAliases();

    builder.AddCltvLogging();
    builder.AddCltvOptions();
    builder.AddCltvStore();
    builder.AddCltvIdentity();
    builder.AddCltvImports();
    builder.AddCltvJobs();
    builder.AddCltvSecurity();
    builder.AddCltvHealthChecks();
    builder.AddCltvPages();
    builder.AddCltvApi();
    builder.AddCltvAlerts();

    var app = builder.Build();

    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/Error");
        app.UseHsts();
    }

    app.UseSecurityHeaders();
    app.UseCltvStatusPages();
    app.UseRouting();
    app.UseSerilogRequestLogging(RequestLogLevels.Configure);
    app.UseDatabaseUnavailablePage();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();

    app.MapStaticAssets().RequireResource(AppResources.Public);
    app.MapRazorPages().WithStaticAssets();
    app.MapStatusEndpoints();
    app.MapImportEndpoints();
    app.MapExportEndpoints();
    app.MapCltvApi();
    app.MapTransactionPush();
    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).RequireResource(AppResources.Public);
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).RequireResource(AppResources.Public);
    app.MapHangfireDashboardGuard("/hangfire");
    app.MapHangfireDashboard("/hangfire", new DashboardOptions
    {
        Authorization = [],
        AsyncAuthorization = [new AdminDashboardAuthorization()],
        DisplayStorageConnectionString = false,
    }).RequireResource(AppResources.Jobs);

    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "The application failed to start or stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, public so that the tests can host the application.</summary>
public partial class Program;
