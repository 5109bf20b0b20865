using CltvDashboard.Infrastructure.Queries;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Shared;

/// <summary>
/// A dashboard page: reads which run to show (and whether one is under way or failed) before its own query, and
/// formats in the currency and time zone of the settings the run was computed with.
/// </summary>
public abstract class DashboardPageModel : PageModel
{
    private readonly RunContextQueries _runContext;

    /// <summary>Creates the page on the read of which run to show.</summary>
    /// <param name="runContext">Which run every dashboard page shows, with its settings.</param>
    protected DashboardPageModel(RunContextQueries runContext) => _runContext = runContext;

    /// <summary>The current, previous and latest run and the formats of the current run's settings.</summary>
    public DashboardContext Dashboard { get; private set; } = null!;

    /// <summary>The formatter.</summary>
    public DashboardFormat Format { get; private set; } = null!;

    /// <summary>The run shown; null before the first successful run, when the page shows its empty state.</summary>
    public RunHeader? Run => Dashboard.Current;

    /// <summary>Reads the dashboard context.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    protected async Task LoadContextAsync(CancellationToken cancellationToken)
    {
        Dashboard = await _runContext.ContextAsync(cancellationToken);
        Format = DashboardFormat.For(Dashboard);
        HttpContext.Items[typeof(DashboardContext)] = Dashboard;
    }

    /// <summary>The dashboard context a page of this request already read, for the layout's run banner.</summary>
    /// <param name="http">The request.</param>
    /// <returns>The context; null when the page read none.</returns>
    public static DashboardContext? ContextOf(HttpContext http) =>
        http.Items.TryGetValue(typeof(DashboardContext), out var value) ? value as DashboardContext : null;
}
