using System.ComponentModel.DataAnnotations;
using CltvDashboard.Domain.Rfm;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace CltvDashboard.Web.Pages.WhatIf;

/// <summary>What-if: move retention, purchase rate or order value by a percentage, for a segment or everybody, and see the projected change in total CLV.</summary>
public sealed class IndexModel : DashboardPageModel
{
    private readonly WhatIfQueries _whatIf;

    public IndexModel(RunContextQueries runContext, WhatIfQueries whatIf)
        : base(runContext) => _whatIf = whatIf;

    /// <summary>An RFM segment, or empty for everybody.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Segment { get; set; }

    /// <summary>Change in retention, percent.</summary>
    [BindProperty(SupportsGet = true)]
    [Range(-90, 200)]
    [Display(Name = "Retention (customers stay longer), %")]
    public double Retention { get; set; }

    /// <summary>Change in purchase rate, percent.</summary>
    [BindProperty(SupportsGet = true)]
    [Range(-90, 200)]
    [Display(Name = "Purchase rate (active customers buy more often), %")]
    public double PurchaseRate { get; set; }

    /// <summary>Change in order value, percent.</summary>
    [BindProperty(SupportsGet = true)]
    [Range(-90, 200)]
    [Display(Name = "Order value, %")]
    public double OrderValue { get; set; }

    /// <summary>The projection; null before a question is asked or without a model.</summary>
    public WhatIfResult? Result { get; private set; }

    /// <summary>Whether the run has a fitted model to project with.</summary>
    public bool HasModel { get; private set; } = true;

    /// <summary>The RFM segments to choose from.</summary>
    public static IReadOnlyList<string> Segments => RfmSegments.All;

    /// <summary>Projects the scenario in the query string.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        // Valuing every customer twice is the one heavy thing a page does: only for a question actually asked.
        if (Run is null || !ModelState.IsValid || Request.Query.Count == 0)
        {
            return;
        }

        Result = await _whatIf.ProjectAsync(
            Run.Id,
            new WhatIfScenario(string.IsNullOrWhiteSpace(Segment) ? null : Segment, Retention / 100, PurchaseRate / 100, OrderValue / 100),
            cancellationToken);
        HasModel = Result is not null;
    }
}
