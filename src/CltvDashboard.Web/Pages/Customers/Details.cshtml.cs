using System.Globalization;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Infrastructure.Privacy;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace CltvDashboard.Web.Pages.Customers;

/// <summary>One customer: purchases over time, the model's view (P(alive), expected purchases, CLV) and segment history across runs.</summary>
public sealed class DetailsModel : DashboardPageModel
{
    private readonly CustomerQueries _customer;
    private readonly IAuthorizationService _authorization;

    public DetailsModel(RunContextQueries runContext, CustomerQueries customer, IAuthorizationService authorization)
        : base(runContext)
    {
        _customer = customer;
        _authorization = authorization;
    }

    /// <summary>Whether the user may erase customers (Admin).</summary>
    public bool CanErase { get; private set; }

    /// <summary>Whether the customer was erased: their id is a pseudonym.</summary>
    public bool IsErased => Customer is not null && CustomerEraser.IsPseudonym(Customer.ExternalId);

    /// <summary>The confirmation page of this customer's erasure; the id travels in the query, which request logs leave out.</summary>
    public string EraseHref => QueryHelpers.AddQueryString("/Erasures/Erase", "id", Customer?.ExternalId ?? string.Empty);

    /// <summary>The customer.</summary>
    public CustomerDetail? Customer { get; private set; }

    /// <summary>The purchase timeline.</summary>
    public ChartView? Timeline { get; private set; }

    /// <summary>P(alive) day by day within the current run, from the first purchase to the run's last day of data; null without a stored model.</summary>
    public ChartView? AliveCurve { get; private set; }

    /// <summary>P(alive) and predicted CLV across runs.</summary>
    public ChartView? ModelView { get; private set; }

    /// <summary>Reads the customer.</summary>
    /// <param name="id">The customer's own id (see <see cref="CustomerAddress"/>).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        await LoadContextAsync(cancellationToken);
        if (Run is null)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(id))
        {
            return this.NotFoundSaying("No customer id was given.", "/Customers", "Back to the customers");
        }

        Customer = await _customer.CustomerAsync(Run.Id, id, cancellationToken);
        if (Customer is null)
        {
            return this.NotFoundSaying(
                $"There is no customer “{id}” in run #{Run.Id}. Customer pages are addressed by the customer's own id, as in the uploaded file.",
                QueryHelpers.AddQueryString("/Customers", "q", id),
                "Search the customers for it");
        }

        CanErase = (await _authorization.AuthorizeAsync(User, AppResources.Erasures.Policy)).Succeeded;
        var currency = Dashboard.CurrencyCode;
        // Purchases on one day add up, as the model counts them: one occasion per day.
        var days = Customer.Purchases
            .GroupBy(p => Format.Date(p.OccurredAtUtc))
            .Select(g => (Day: g.Key, Amount: g.Sum(p => p.Amount)))
            .ToList();
        Timeline = new ChartView("purchase-timeline", "bar", new ChartSpec(
            "Purchases over time",
            "Day",
            $"Amount ({currency})",
            days.Select(d => d.Day).ToList(),
            [new ChartSeries("Amount", days.Select(d => (double?)d.Amount).ToList())],
            "money",
            currency), Format);
        ModelView = new ChartView("model-view", "line", new ChartSpec(
            "The model's view across runs",
            "Run (data up to)",
            "P(alive)",
            Customer.History.Select(h => Format.RunLabel(h.RunId, h.ObservationEnd, h.AsOfUtc)).ToList(),
            [
                new ChartSeries("P(alive)", Customer.History.Select(h => h.ProbabilityAlive).ToList()),
                new ChartSeries("Predicted CLV", Customer.History.Select(h => (double?)h.PredictedClv).ToList(), "y2"),
            ],
            "percent",
            currency) { Y2 = $"Predicted CLV ({currency})", Format2 = "money" }, Format);
        if (Customer.Curve is { } curve)
        {
            AliveCurve = new ChartView("alive-curve", "alive", new ChartSpec(
                "Chance still active over time, P(alive)",
                "Day",
                "P(alive)",
                curve.Points.Select(p => DashboardFormat.Date(p.Day)).ToList(),
                [
                    new ChartSeries("P(alive)", curve.Points.Select(p => (double?)p.ProbabilityAlive).ToList()),
                    new ChartSeries("Purchase", curve.Points.Select(p => (double?)p.Purchase).ToList(), "y2"),
                ],
                "percent",
                currency) { Y2 = $"Purchase amount ({currency})", Format2 = "money" }, Format);
        }

        return Page();
    }

    /// <summary>The customer's last purchase day.</summary>
    public string LastPurchase => Run?.ObservationEnd is { } end && Customer is not null
        ? DashboardFormat.Date(end.AddDays(-Customer.Current.DaysSinceLastPurchase))
        : "–";

    /// <summary>The expected next purchase day in words: a date, "not expected", or "–" without a model's figure.</summary>
    public string ExpectedNextPurchase => Customer?.Current is not { PurchaseProbability: not null } m
        ? "–"
        : m.ExpectedNextPurchase is { } day ? day.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "not expected";

    /// <summary>Days the expected next purchase of a regular customer is overdue by today; null when it is not.</summary>
    public int? DaysOverdue => Customer?.Current is { } m && Dashboard.OverdueAsOf is { } day ? OverdueRule.DaysOverdue(m.Frequency, m.ExpectedNextPurchase, day) : null;

    /// <summary>The display name of the model behind the P(alive) curve.</summary>
    public string CurveModel => Customer?.Curve?.Model is { } model ? CountModelCatalog.DisplayName(model) : "";

    /// <summary>The horizon in words.</summary>
    public string Horizon => string.Create(CultureInfo.InvariantCulture, $"next {Dashboard.ForecastHorizonMonths} months");
}
