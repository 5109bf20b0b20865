using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Web.Endpoints;

/// <summary>An export download's request: the current run, what the route and query string name, and the services to query.</summary>
public sealed class ExportRequest
{
    private readonly IServiceProvider _services;
    private readonly ExportParameters _parameters;

    internal ExportRequest(IServiceProvider services, DashboardContext context, RunHeader run, ExportParameters parameters)
    {
        _services = services;
        _parameters = parameters;
        Context = context;
        Run = run;
    }

    public DashboardContext Context { get; }

    public RunHeader Run { get; }

    /// <summary>The <c>{segmentation}</c> of the route.</summary>
    public string Segmentation => _parameters.Segmentation ?? "";

    /// <summary>The <c>channel</c> of the query string.</summary>
    public string Channel => _parameters.Channel ?? "";

    /// <summary>The customer's own id, the <c>id</c> of the query string.</summary>
    public string CustomerId => _parameters.Id ?? "";

    /// <summary>The customer list's filter (search, RFM segment, value tier, churn risk, preset) and order from the query string, in pages of <paramref name="pageSize"/>, overdue judged by the business's today.</summary>
    /// <param name="pageSize">Customers read at a time.</param>
    public CustomerListRequest CustomerList(int pageSize) =>
        new(_parameters.Q, _parameters.Segment, _parameters.Preset ?? CustomerPreset.None, _parameters.Sort ?? CustomerSort.PredictedClv, _parameters.Desc ?? true, 1, pageSize, Context.OverdueAsOf)
        {
            ValueTier = _parameters.Tier,
            ChurnRisk = _parameters.Risk,
        };

    /// <summary>A query service of this request's scope.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();
}
