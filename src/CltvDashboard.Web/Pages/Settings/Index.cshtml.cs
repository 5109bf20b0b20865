using System.Globalization;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages.Settings;

/// <summary>
/// The business settings: every field of <see cref="BusinessSettings"/> and the acquisition cost per channel,
/// checked by <see cref="BusinessSettingsRules"/>; a save that raced another is refused by the version.
/// </summary>
public sealed class IndexModel : PageModel
{
    private const int BlankCostRows = 3;
    private readonly CltvDbContext _context;
    private readonly TimeProvider _time;
    private readonly NightlyRecalculation _nightly;

    public IndexModel(CltvDbContext context, TimeProvider time, NightlyRecalculation nightly)
    {
        _context = context;
        _time = time;
        _nightly = nightly;
    }

    /// <summary>The form.</summary>
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    /// <summary>Whether the settings were just saved.</summary>
    [TempData]
    public bool Saved { get; set; }


    /// <summary>The time zones offered: the IANA names this server knows, sorted.</summary>
    public static IReadOnlyList<string> TimeZones { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id)
        .Append("UTC")
        .Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC")
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>When the settings last changed.</summary>
    public DateTime? UpdatedAtUtc { get; private set; }

    /// <summary>Fills the form from the store.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var settings = await LoadAsync(cancellationToken);
        Input = SettingsInput.From(settings, BlankCostRows);
        UpdatedAtUtc = settings.UpdatedAtUtc;
    }

    /// <summary>Checks and saves the settings.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var settings = await LoadAsync(cancellationToken);
        UpdatedAtUtc = settings.UpdatedAtUtc;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.Version != settings.Version)
        {
            ModelState.AddModelError(string.Empty, "Someone else changed the settings since this page was opened. Reload the page to see their values.");
            return Page();
        }

        if (!Input.UseCron && !string.IsNullOrWhiteSpace(Input.NightlyTime) && !Input.TryNightlyTime(out _))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(SettingsInput.NightlyTime)}", $"'{Input.NightlyTime}' is not a time of day: give hours and minutes, such as 02:30.");
            return Page();
        }

        Input.ApplyTo(settings);
        var problems = BusinessSettingsRules.Validate(settings);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError($"{nameof(Input)}.{problem.Setting}", problem.Message);
            }

            return Page();
        }

        settings.Version++;
        settings.UpdatedAtUtc = _time.GetUtcNow().UtcDateTime;
        try
        {
            await _context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "Someone else changed the settings at the same moment. Reload the page to see their values.");
            return Page();
        }

        await _nightly.RegisterAsync(cancellationToken);
        Saved = true;
        return RedirectToPage();
    }

    private async Task<BusinessSettings> LoadAsync(CancellationToken cancellationToken) =>
        await _context.BusinessSettings.Include(s => s.AcquisitionCosts).SingleAsync(cancellationToken);
}

/// <summary>The settings form.</summary>
public sealed class SettingsInput
{
    /// <summary>The version the form was filled from.</summary>
    public int Version { get; set; }

    /// <summary>IANA time zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>ISO currency code.</summary>
    public string? CurrencyCode { get; set; }

    /// <summary>Unit of the models.</summary>
    public TimeUnit TimeUnit { get; set; }

    /// <summary>Forecast horizon in months.</summary>
    public int ForecastHorizonMonths { get; set; }

    /// <summary>Yearly discount rate as a fraction.</summary>
    public decimal AnnualDiscountRate { get; set; }

    /// <summary>Profit margin as a fraction.</summary>
    public decimal ProfitMargin { get; set; }

    /// <summary>Holdout in months.</summary>
    public int HoldoutMonths { get; set; }

    /// <summary>P(alive) threshold of active customers.</summary>
    public double ActiveProbabilityThreshold { get; set; }

    /// <summary>The N days of the chance of buying again.</summary>
    public int PurchaseWindowDays { get; set; } = BusinessSettings.DefaultPurchaseWindowDays;

    /// <summary>Chance-of-buying-again limit of the high churn-risk band.</summary>
    public double HighChurnRiskBelow { get; set; }

    /// <summary>Chance-of-buying-again limit of the medium churn-risk band.</summary>
    public double MediumChurnRiskBelow { get; set; }

    /// <summary>Share of customers in the top value tier.</summary>
    public double TopValueTierShare { get; set; }

    /// <summary>Share of customers in the middle value tier.</summary>
    public double MiddleValueTierShare { get; set; }

    /// <summary>Cron of the nightly recalculation, used as written when <see cref="UseCron"/> or when no time is given.</summary>
    public string NightlyCron { get; set; } = "";

    /// <summary>The time of the nightly recalculation, HH:mm, every night; blank when a cron expression is used.</summary>
    public string? NightlyTime { get; set; }

    /// <summary>Whether the cron expression is used rather than the time of day (a schedule that is not once every night).</summary>
    public bool UseCron { get; set; }

    /// <summary>Runs kept.</summary>
    public int RunsToKeep { get; set; }

    /// <summary>Acquisition cost per channel; rows without a channel are ignored.</summary>
    public List<CostRow> AcquisitionCosts { get; set; } = [];

    /// <summary>The form filled from the stored settings.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="blankRows">Empty cost rows to add channels.</param>
    public static SettingsInput From(BusinessSettings settings, int blankRows)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var input = new SettingsInput
        {
            Version = settings.Version,
            TimeZoneId = settings.TimeZoneId,
            CurrencyCode = settings.CurrencyCode,
            TimeUnit = settings.TimeUnit,
            ForecastHorizonMonths = settings.ForecastHorizonMonths,
            AnnualDiscountRate = settings.AnnualDiscountRate,
            ProfitMargin = settings.ProfitMargin,
            HoldoutMonths = settings.HoldoutMonths,
            ActiveProbabilityThreshold = settings.ActiveProbabilityThreshold,
            PurchaseWindowDays = settings.PurchaseWindowDays,
            HighChurnRiskBelow = settings.HighChurnRiskBelow,
            MediumChurnRiskBelow = settings.MediumChurnRiskBelow,
            TopValueTierShare = settings.TopValueTierShare,
            MiddleValueTierShare = settings.MiddleValueTierShare,
            NightlyCron = settings.NightlyCron,
            NightlyTime = NightlySchedule.DailyTime(settings.NightlyCron)?.ToString("HH:mm", CultureInfo.InvariantCulture),
            UseCron = NightlySchedule.DailyTime(settings.NightlyCron) is null,
            RunsToKeep = settings.RunsToKeep,
            AcquisitionCosts = settings.AcquisitionCosts.OrderBy(c => c.Channel, StringComparer.Ordinal)
                .Select(c => new CostRow { Channel = c.Channel, CostPerCustomer = c.CostPerCustomer })
                .ToList(),
        };
        for (var i = 0; i < blankRows; i++)
        {
            input.AcquisitionCosts.Add(new CostRow());
        }

        return input;
    }

    /// <summary>The time of day chosen, when one is and it reads as HH:mm.</summary>
    /// <param name="time">The time.</param>
    public bool TryNightlyTime(out TimeOnly time)
    {
        time = default;
        return !string.IsNullOrWhiteSpace(NightlyTime)
            && TimeOnly.TryParseExact(NightlyTime.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>Copies the form onto the tracked settings, updating cost rows in place.</summary>
    /// <param name="settings">The tracked settings with their costs loaded.</param>
    public void ApplyTo(BusinessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.TimeZoneId = TimeZoneId.Trim();
        settings.CurrencyCode = string.IsNullOrWhiteSpace(CurrencyCode) ? null : CurrencyCode.Trim().ToUpperInvariant();
        settings.TimeUnit = TimeUnit;
        settings.ForecastHorizonMonths = ForecastHorizonMonths;
        settings.AnnualDiscountRate = AnnualDiscountRate;
        settings.ProfitMargin = ProfitMargin;
        settings.HoldoutMonths = HoldoutMonths;
        settings.ActiveProbabilityThreshold = ActiveProbabilityThreshold;
        settings.PurchaseWindowDays = PurchaseWindowDays;
        settings.HighChurnRiskBelow = HighChurnRiskBelow;
        settings.MediumChurnRiskBelow = MediumChurnRiskBelow;
        settings.TopValueTierShare = TopValueTierShare;
        settings.MiddleValueTierShare = MiddleValueTierShare;
        settings.NightlyCron = !UseCron && TryNightlyTime(out var time) ? NightlySchedule.DailyAt(time) : NightlyCron.Trim();
        settings.RunsToKeep = RunsToKeep;

        var wanted = AcquisitionCosts.Where(c => !string.IsNullOrWhiteSpace(c.Channel)).ToList();
        foreach (var stale in settings.AcquisitionCosts.Where(c => wanted.All(w => w.Channel!.Trim() != c.Channel)).ToList())
        {
            settings.AcquisitionCosts.Remove(stale);
        }

        foreach (var row in wanted)
        {
            var channel = row.Channel!.Trim();
            if (settings.AcquisitionCosts.FirstOrDefault(c => c.Channel == channel) is { } existing)
            {
                existing.CostPerCustomer = row.CostPerCustomer ?? 0m;
            }
            else
            {
                settings.AcquisitionCosts.Add(new ChannelAcquisitionCost { Channel = channel, CostPerCustomer = row.CostPerCustomer ?? 0m });
            }
        }
    }
}

/// <summary>One acquisition channel's cost on the form.</summary>
public sealed class CostRow
{
    /// <summary>The channel, as on customers.</summary>
    public string? Channel { get; set; }

    /// <summary>Cost to acquire one customer; blank counts as 0.</summary>
    public decimal? CostPerCustomer { get; set; }
}
