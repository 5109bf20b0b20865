using CltvDashboard.Domain.Rfm;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace CltvDashboard.Web.Pages.Customers;

/// <summary>The customer list: paged, sorted and searched on the server, with the "high value at risk", "champions" and "overdue" presets.</summary>
public sealed class IndexModel : DashboardPageModel
{
    /// <summary>Customers per page.</summary>
    public const int PageSize = 50;

    private readonly CustomerListQueries _customers;

    public IndexModel(RunContextQueries runContext, CustomerListQueries customers)
        : base(runContext) => _customers = customers;

    /// <summary>Part of a customer id to look for.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>An RFM segment to show only.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Segment { get; set; }

    /// <summary>A preset filter.</summary>
    [BindProperty(SupportsGet = true)]
    public CustomerPreset Preset { get; set; }

    /// <summary>The sort column.</summary>
    [BindProperty(SupportsGet = true)]
    public CustomerSort Sort { get; set; } = CustomerSort.PredictedClv;

    /// <summary>Sort descending.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; } = true;

    /// <summary>1-based page.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of customers.</summary>
    public PagedResult<CustomerRow>? Customers { get; private set; }

    /// <summary>The RFM segments to filter by.</summary>
    public static IReadOnlyList<string> Segments => RfmSegments.All;

    /// <summary>Reads the page of customers.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (Run is null)
        {
            return;
        }

        Customers = await _customers.CustomersAsync(
            Run,
            Dashboard.Previous?.Id,
            new CustomerListRequest(Search, string.IsNullOrWhiteSpace(Segment) ? null : Segment, Preset, Sort, Desc, PageNumber, PageSize, Dashboard.OverdueAsOf),
            cancellationToken);
    }

    /// <summary>The query string of this list with some values replaced.</summary>
    /// <param name="sort">A new sort column (toggles the direction when it is the current one).</param>
    /// <param name="page">A new page.</param>
    /// <param name="preset">A new preset.</param>
    public string Link(CustomerSort? sort = null, int? page = null, CustomerPreset? preset = null)
    {
        var desc = sort is { } s ? (s == Sort ? !Desc : s is not (CustomerSort.CustomerId or CustomerSort.ExpectedNextPurchase)) : Desc;
        var values = new Dictionary<string, string?>
        {
            ["q"] = preset is null ? Search : null,
            ["segment"] = preset is null ? Segment : null,
            ["preset"] = (preset ?? Preset) == CustomerPreset.None ? null : (preset ?? Preset).ToString(),
            ["sort"] = (sort ?? Sort).ToString(),
            ["desc"] = desc ? "true" : "false",
            ["p"] = (page ?? (sort is null && preset is null ? PageNumber : 1)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Customers", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The export link of the list as filtered.</summary>
    public string ExportLink() => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
        "/exports/customers.csv",
        new Dictionary<string, string?> { ["q"] = Search, ["segment"] = Segment, ["preset"] = Preset.ToString(), ["sort"] = Sort.ToString(), ["desc"] = Desc ? "true" : "false" }
            .Where(v => !string.IsNullOrEmpty(v.Value)));

    /// <summary>The contact list of the list as filtered, in a marketing tool's format.</summary>
    /// <param name="tool"><c>klaviyo</c> or <c>mailchimp</c>.</param>
    public string AudienceLink(string tool) =>
        $"/exports/audiences/{tool}.csv" + Endpoints.ExportEndpoints.AudienceQuery(Search, Segment, Preset);

    /// <summary>The sort indicator of a column header, and its aria-sort value.</summary>
    /// <param name="column">The column.</param>
    public (string Arrow, string Aria) SortState(CustomerSort column) =>
        column != Sort ? ("", "none") : Desc ? (" ▼", "descending") : (" ▲", "ascending");
}
