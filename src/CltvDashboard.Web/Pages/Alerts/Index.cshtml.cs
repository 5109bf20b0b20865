using CltvDashboard.Domain.Alerts;
using CltvDashboard.Infrastructure.Queries.Alerts;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Alerts;

/// <summary>The alert rules (Analysts change them) and what fired after the latest runs, with the customers named.</summary>
public sealed class IndexModel : PageModel
{
    private const int FiringsShown = 50;
    private const int DeliveriesShown = 500;
    private readonly AlertQueries _alerts;
    private readonly IAuthorizationService _authorization;

    public IndexModel(AlertQueries alerts, IAuthorizationService authorization)
    {
        _alerts = alerts;
        _authorization = authorization;
    }

    /// <summary>The rules form.</summary>
    [BindProperty]
    public AlertRulesInput Rules { get; set; } = new();

    /// <summary>Whether the user may change the rules.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>The latest firings, newest first.</summary>
    public IReadOnlyList<AlertFiringView> Firings { get; private set; } = [];

    /// <summary>The deliveries of the firings shown, by firing.</summary>
    public ILookup<long?, AlertDeliveryView> Deliveries { get; private set; } = Array.Empty<AlertDeliveryView>().ToLookup(d => d.FiringId);

    /// <summary>Whether the rules were just saved.</summary>
    [TempData]
    public bool Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rules = AlertRulesInput.From(await _alerts.SettingsAsync(cancellationToken));
        await LoadAsync(cancellationToken);
    }

    /// <summary>Saves the rules (Analyst).</summary>
    public async Task<IActionResult> OnPostRulesAsync(CancellationToken cancellationToken)
    {
        if (!(await _authorization.AuthorizeAsync(User, Policies.Analyst)).Succeeded)
        {
            return Forbid();
        }

        var rules = Rules.ToSettings();
        foreach (var (setting, message) in rules.Validate())
        {
            ModelState.AddModelError($"{nameof(Rules)}.{setting}", message);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        await _alerts.SaveSettingsAsync(rules, cancellationToken);
        Saved = true;
        return RedirectToPage();
    }

    /// <summary>The rule's name for people.</summary>
    /// <param name="rule">The rule.</param>
    public static string RuleName(AlertRuleKind rule) => Infrastructure.Alerts.Delivery.AlertContent.RuleName(rule);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanEdit = (await _authorization.AuthorizeAsync(User, Policies.Analyst)).Succeeded;
        Firings = await _alerts.LatestAsync(FiringsShown, cancellationToken);
        Deliveries = (await _alerts.DeliveriesAsync([.. Firings.Select(f => f.Id)], DeliveriesShown, cancellationToken)).ToLookup(d => d.FiringId);
    }
}

/// <summary>The alert rules form, one field per figure of <see cref="AlertRuleSettings"/>.</summary>
public sealed class AlertRulesInput
{
    /// <summary>See <see cref="AlertRuleSettings.HighValueAtRisk"/>.</summary>
    public bool HighValueAtRisk { get; set; }

    /// <summary>See <see cref="AlertRuleSettings.Overdue"/>.</summary>
    public bool Overdue { get; set; }

    /// <summary>See <see cref="AlertRuleSettings.OverdueDays"/>.</summary>
    public int OverdueDays { get; set; }

    /// <summary>See <see cref="AlertRuleSettings.SegmentChange"/>.</summary>
    public bool SegmentChange { get; set; }

    /// <summary>See <see cref="AlertRuleSettings.SegmentChangePercent"/>.</summary>
    public double SegmentChangePercent { get; set; }

    /// <summary>See <see cref="AlertRuleSettings.RunProblem"/>.</summary>
    public bool RunProblem { get; set; }

    /// <summary>The form filled from the settings.</summary>
    /// <param name="settings">The rules as set.</param>
    public static AlertRulesInput From(AlertRuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            HighValueAtRisk = settings.HighValueAtRisk,
            Overdue = settings.Overdue,
            OverdueDays = settings.OverdueDays,
            SegmentChange = settings.SegmentChange,
            SegmentChangePercent = settings.SegmentChangePercent,
            RunProblem = settings.RunProblem,
        };
    }

    /// <summary>The settings the form gives.</summary>
    public AlertRuleSettings ToSettings() => new(HighValueAtRisk, Overdue, OverdueDays, SegmentChange, SegmentChangePercent, RunProblem);
}
