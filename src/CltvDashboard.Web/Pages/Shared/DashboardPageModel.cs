using CltvDashboard.Infrastructure.Queries;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Shared;

/// <summary>
/// A dashboard page: reads which run to show (and whether one is under way or failed) before its own query, and
/// formats in the business's currency and time zone.
/// </summary>
public abstract class DashboardPageModel : PageModel
{
    /// <summary>Creates the page on the read service.</summary>
    /// <param name="queries">The dashboards' read service.</param>
    protected DashboardPageModel(DashboardQueries queries) => Queries = queries;

    /// <summary>The current, previous and latest run and the business's formats.</summary>
    public DashboardContext Dashboard { get; private set; } = null!;

    /// <summary>The formatter.</summary>
    public DashboardFormat Format { get; private set; } = null!;

    /// <summary>The run shown; null before the first successful run, when the page shows its empty state.</summary>
    public RunHeader? Run => Dashboard.Current;

    /// <summary>The read service.</summary>
    protected DashboardQueries Queries { get; }

    /// <summary>Reads the dashboard context.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    protected async Task LoadContextAsync(CancellationToken cancellationToken)
    {
        Dashboard = await Queries.ContextAsync(cancellationToken);
        Format = DashboardFormat.For(Dashboard);
        HttpContext.Items[typeof(DashboardContext)] = Dashboard;
    }

    /// <summary>The dashboard context a page of this request already read, for the layout's run banner.</summary>
    /// <param name="http">The request.</param>
    /// <returns>The context; null when the page read none.</returns>
    public static DashboardContext? ContextOf(HttpContext http) =>
        http.Items.TryGetValue(typeof(DashboardContext), out var value) ? value as DashboardContext : null;
}
