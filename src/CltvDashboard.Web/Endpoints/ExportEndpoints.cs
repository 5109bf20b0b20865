using System.Globalization;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Infrastructure.Csv;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Pages.Shared;
using static CltvDashboard.Infrastructure.Csv.CsvCell;

namespace CltvDashboard.Web.Endpoints;

/// <summary>
/// CSV downloads of the dashboards' tables from the current run, declared in <see cref="All"/> and written by
/// <see cref="CsvWriter"/> (typed cells: numbers invariant, formula-like text neutralised). The file name carries the
/// run id and its data's end date.
/// </summary>
public static class ExportEndpoints
{
    private const int CustomerBatch = 500;

    private const string CustomerHistoryRoute = "/customers/history.csv";

    // The longest piece of user text in a file name.
    private const int FileNamePartLength = 40;

    // The migration matrix's row of customers the previous run did not have, and column of those this run no longer has.
    private const string NewRow = "new";
    private const string GoneColumn = "not in this run";

    private static readonly CsvFormat Format = new("\r\n");

    /// <summary>
    /// The columns of a customer's history export: one <c>purchase</c> row per stored transaction (oldest first, the
    /// day in the business's time zone), then one <c>run</c> row per kept run the customer is in (oldest first, dated
    /// by the run's last day of data) with the customer's segment and the model's figures in that run.
    /// </summary>
    public static IReadOnlyList<string> CustomerHistoryColumns { get; } =
        ["record", "customer_id", "date", "amount", "currency", "order_reference", "run", "segment", "value_tier", "p_alive", "expected_purchases", "predicted_clv"];

    /// <summary>
    /// The Klaviyo contact list's columns: <c>Email</c>, <c>First Name</c> and <c>Last Name</c> as Klaviyo's CSV upload
    /// maps them to its own properties; the rest become custom profile properties under these names.
    /// </summary>
    public static IReadOnlyList<string> KlaviyoColumns { get; } =
        ["Email", "First Name", "Last Name", "CLV Segment", "CLV Value Tier", "CLV Churn Risk", "CLV Chance of Buying Again", "CLV Predicted Value", "CLV Next Purchase Date"];

    /// <summary>
    /// The Mailchimp contact list's columns: <c>Email Address</c> (the one field Mailchimp requires), <c>First Name</c>,
    /// <c>Last Name</c>, <c>Tags</c> (comma-separated: the RFM segment, the value tier and the churn risk), then fields
    /// the import maps to audience fields of the same names (text, number, date as YYYY-MM-DD).
    /// </summary>
    public static IReadOnlyList<string> MailchimpColumns { get; } =
        ["Email Address", "First Name", "Last Name", "Tags", "Chance of Buying Again", "Predicted CLV", "Next Purchase Date"];

    /// <summary>
    /// Every export, under <c>/exports</c>, each belonging to the resource of the page that shows its table, so that
    /// whoever may see the page may download it and nobody else.
    /// </summary>
    public static IReadOnlyList<CsvExport> All { get; } =
    [
        CsvExport.Rows(
            "/segments/{segmentation}.csv",
            AppResources.Segments,
            e => "segments-" + e.Segmentation,
            ["segment", "customers", "customer_share", "value_share", "total_revenue", "average_order_value", "repeat_rate", "mean_p_alive", "expected_purchases", "total_clv", "mean_clv", "clv_to_cac", "previous_customers", "moved_in", "moved_out", "rule_of_thumb_clv",
                "expected_purchases_low80", "expected_purchases_high80", "expected_purchases_low95", "expected_purchases_high95",
                "total_clv_low80", "total_clv_high80", "total_clv_low95", "total_clv_high95"],
            (e, ct) => e.Get<SegmentsQueries>().SegmentsAsync(e.Run.Id, e.Segmentation, ct),
            r =>
            [
                Text(r.Segment), Number(r.Customers), Number(r.CustomerShare), Number(r.ValueShare), Number(r.TotalRevenue), Number(r.AverageOrderValue), Number(r.RepeatRate),
                Number(r.MeanProbabilityAlive), Number(r.ExpectedPurchases), Number(r.TotalClv), Number(r.MeanClv), Number(r.ClvToCac), Number(r.PreviousCustomers), Number(r.MovedIn), Number(r.MovedOut),
                Number(r.RuleOfThumbClv),
                .. Bounds(r.Ranges?.Purchases, 4), .. Bounds(r.Ranges?.Clv, 2),
            ],
            accepts: (e, _) => Task.FromResult(Segmentations.All.Contains(e.Segmentation))),

        // The current run's stored movement from the previous run as a from × to matrix.
        CsvExport.Of(
            "/segment-migrations/{segmentation}.csv",
            AppResources.Segments,
            e => "segment-migrations-" + e.Segmentation,
            ["from"],
            async (e, ct) => Segmentations.Find(e.Segmentation) is { TracksMovement: true }
                ? await e.Get<SegmentsQueries>().StoredMigrationAsync(e.Run.Id, e.Segmentation, ct)
                : null,
            (_, matrix) => matrix.From.Select(from => (CsvCell[])[Text(from ?? NewRow), .. matrix.To.Select(to => Number(matrix.Customers(from, to)))]).ToAsyncEnumerable(),
            moreColumns: matrix => matrix.To.Select(to => to ?? GoneColumn)),

        CsvExport.Rows(
            "/rfm-grid.csv",
            AppResources.Segments,
            _ => "rfm-grid",
            ["recency_score", "frequency_monetary_score", "segment", "customers", "mean_clv"],
            (e, ct) => e.Get<SegmentsQueries>().RfmGridAsync(e.Run.Id, ct),
            c => [Number(c.RecencyScore), Number(c.FrequencyMonetaryScore), Text(c.Segment), Number(c.Customers), Number(c.MeanClv)]),

        CsvExport.Rows(
            "/cohorts.csv",
            AppResources.Cohorts,
            _ => "cohorts",
            ["acquisition_month", "months_since_acquisition", "cohort_size", "active_customers", "retention", "revenue", "cumulative_revenue", "cumulative_revenue_per_customer", "partial_month"],
            (e, ct) => e.Get<CohortsQueries>().CohortsAsync(e.Run.Id, ct),
            c =>
            [
                Month(c.AcquisitionMonth), Number(c.MonthsSinceAcquisition), Number(c.CohortSize), Number(c.ActiveCustomers), Number(c.Retention),
                Number(c.Revenue), Number(c.CumulativeRevenue), Number(c.CumulativeRevenuePerCustomer), Boolean(c.IsPartial),
            ]),

        // One acquisition channel's cohorts, the channel named by ?channel=.
        CsvExport.Rows(
            "/channel-cohorts.csv",
            AppResources.Cohorts,
            e => "cohorts-" + FileNamePart(e.Channel, "channel"),
            ["channel", "acquisition_month", "months_since_acquisition", "cohort_size", "active_customers", "retention", "revenue", "cumulative_revenue", "cumulative_revenue_per_customer", "partial_month"],
            (e, ct) => e.Get<CohortsQueries>().ChannelCohortsAsync(e.Run.Id, e.Channel, ct),
            (e, c) =>
            [
                Text(e.Channel), Month(c.AcquisitionMonth), Number(c.MonthsSinceAcquisition), Number(c.CohortSize), Number(c.ActiveCustomers), Number(c.Retention),
                Number(c.Revenue), Number(c.CumulativeRevenue), Number(c.CumulativeRevenuePerCustomer), Boolean(c.IsPartial),
            ],
            accepts: async (e, ct) => e.Channel.Length > 0 && (await e.Get<CohortsQueries>().CohortChannelsAsync(e.Run.Id, ct)).Contains(e.Channel)),

        CsvExport.Of(
            "/model-fits.csv",
            AppResources.ModelHealth,
            _ => "model-fits",
            ["model", "period", "chosen", "parameter", "estimate", "standard_error", "log_likelihood", "converged", "customers", "holdout_mae", "baseline_mae", "holdout_predicted", "holdout_actual"],
            (e, ct) => e.Get<ModelHealthQueries>().ModelHealthAsync(e.Run.Id, ct),
            (_, health) => health.Fits.SelectMany(f => f.Parameters.Select(p => (CsvCell[])
            [
                Text(f.ModelName), Text(f.Period.ToString()), Boolean(f.IsChosen), Text(p.Name), Number(p.Estimate), Number(p.StandardError), Number(f.LogLikelihood), Boolean(f.Converged),
                Number(f.CustomersUsed), Number(f.HoldoutMeanAbsoluteError), Number(f.BaselineMeanAbsoluteError), Number(f.HoldoutPredictedPurchases), Number(f.HoldoutActualPurchases),
            ])).ToAsyncEnumerable()),

        // The customer list as filtered and ordered by the query string, read a batch at a time. The chance of buying
        // again is for the run's window of days; expected_next_purchase is empty when not expected; overdue is judged
        // on the day of the download.
        CsvExport.Stream(
            "/customers.csv",
            AppResources.Customers,
            _ => "customers",
            ["customer_id", "segment", "value_tier", "churn_risk", "p_alive", "expected_purchases", "predicted_clv", "total_revenue", "last_purchase", "purchase_probability", "expected_next_purchase", "overdue",
                "purchases_low80", "purchases_high80", "clv_low80", "clv_high80"],
            (e, ct) => e.Get<CustomerListQueries>().AllCustomersAsync(e.Run, e.Context.Previous?.Id, e.CustomerList(CustomerBatch), ct),
            c =>
            [
                Text(c.ExternalId), Text(c.Segment), Text(c.ValueTier), Text(c.ChurnRiskBand), Number(c.ProbabilityAlive), Number(c.ExpectedPurchases),
                Number(c.PredictedClv), Number(c.TotalRevenue), Date(c.LastPurchase), Number(c.PurchaseProbability), Date(c.ExpectedNextPurchase), Boolean(c.Overdue),
                Number(c.PurchasesLow80), Number(c.PurchasesHigh80), Number(c.ClvLow80), Number(c.ClvHigh80),
            ]),

        // One customer's history, the customer named by their own id in ?id= (any text, so never in the path).
        CsvExport.Of(
            CustomerHistoryRoute,
            AppResources.Customers,
            e => "customer-" + FileNamePart(e.CustomerId, "customer") + "-history",
            CustomerHistoryColumns,
            (e, ct) => e.Get<CustomerQueries>().CustomerAsync(e.Run.Id, e.CustomerId, ct),
            (e, customer) => CustomerHistoryRowsAsync(e.Get<CustomerQueries>(), customer, e.Context.TimeZoneId)),

        // Contact lists for the marketing tools: the customer list's filters, only customers with an e-mail address,
        // under the headers each tool documents (see README, "Audiences").
        CsvExport.Stream(
            "/audiences/klaviyo.csv",
            AppResources.Audiences,
            _ => "audience-klaviyo",
            KlaviyoColumns,
            (e, ct) => e.Get<CustomerListQueries>().AllAudienceAsync(e.Run, e.Context.Previous?.Id, e.CustomerList(CustomerBatch), ct),
            m =>
            [
                Text(m.Email), Text(m.FirstName), Text(m.LastName), Text(m.Customer.Segment), Text(m.Customer.ValueTier), Text(m.Customer.ChurnRiskBand),
                Number(m.Customer.PurchaseProbability, 4), Number(m.Customer.PredictedClv, 2), Date(m.Customer.ExpectedNextPurchase),
            ]),
        CsvExport.Stream(
            "/audiences/mailchimp.csv",
            AppResources.Audiences,
            _ => "audience-mailchimp",
            MailchimpColumns,
            (e, ct) => e.Get<CustomerListQueries>().AllAudienceAsync(e.Run, e.Context.Previous?.Id, e.CustomerList(CustomerBatch), ct),
            m =>
            [
                Text(m.Email), Text(m.FirstName), Text(m.LastName), Text(MailchimpTags(m.Customer)),
                Number(m.Customer.PurchaseProbability, 4), Number(m.Customer.PredictedClv, 2), Date(m.Customer.ExpectedNextPurchase),
            ]),
    ];

    /// <summary>The customer's Mailchimp tags, e.g. <c>Champions, Top value, Low churn risk</c>.</summary>
    /// <param name="customer">The customer's row.</param>
    public static string MailchimpTags(CustomerRow customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return $"{customer.Segment}, {customer.ValueTier} value, {customer.ChurnRiskBand} churn risk";
    }

    /// <summary>The query string of an audience download or API page: the customer list's filters, as the list and the segment tables name them.</summary>
    /// <param name="q">Search text.</param>
    /// <param name="segment">RFM segment.</param>
    /// <param name="preset">Preset.</param>
    /// <param name="tier">Value tier.</param>
    /// <param name="risk">Churn-risk band.</param>
    public static string AudienceQuery(string? q = null, string? segment = null, CustomerPreset preset = CustomerPreset.None, string? tier = null, string? risk = null)
    {
        var query = new Dictionary<string, string?>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query[name] = value;
            }
        }

        Add("q", q);
        Add("segment", segment);
        Add("preset", preset == CustomerPreset.None ? null : preset.ToString());
        Add("tier", tier);
        Add("risk", risk);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(string.Empty, query);
    }

    /// <summary>Maps every export of <see cref="All"/> under <c>/exports</c>, each behind its resource's rule.</summary>
    /// <param name="app">The endpoint builder.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/exports");
        foreach (var export in All)
        {
            exports.MapGet(export.Route, ([AsParameters] ExportParameters parameters, HttpContext http, RunContextQueries runContext, CancellationToken cancellationToken) =>
                    DownloadAsync(export, parameters, http, runContext, cancellationToken))
                .RequireResource(export.Resource);
        }

        return app;
    }

    /// <summary>The history download of the customer with <paramref name="externalId"/> as their own id.</summary>
    /// <param name="externalId">The customer's id as imported.</param>
    public static string CustomerHistoryHref(string externalId) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/exports" + CustomerHistoryRoute, "id", externalId);

    // A range's 80 % and 95 % bounds as four cells (money to cents, counts to 4 decimals); empty for a run without ranges.
    private static CsvCell[] Bounds(ForecastRange? range, int decimals) => range is { } r
        ? [Number(r.Low80, decimals), Number(r.High80, decimals), Number(r.Low95, decimals), Number(r.High95, decimals)]
        : [Empty, Empty, Empty, Empty];

    /// <summary>
    /// The download's file name: what, the run, the last day of its data and the currency of its money columns (the
    /// run's own, so a file never passes for figures in another currency).
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="what">The table.</param>
    public static string FileName(RunHeader run, string what)
    {
        ArgumentNullException.ThrowIfNull(run);
        var asOf = (run.ObservationEnd ?? DateOnly.FromDateTime(run.AsOfUtc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var currency = run.Currency is { Length: 3 } code ? "-in-" + code : "";
        return FormattableString.Invariant($"cltv-{what}-run-{run.Id}-data-to-{asOf}{currency}.csv");
    }

    private static async Task<IResult> DownloadAsync(CsvExport export, ExportParameters parameters, HttpContext http, RunContextQueries runContext, CancellationToken cancellationToken)
    {
        var context = await runContext.ContextAsync(cancellationToken);
        if (context.Current is not { } run)
        {
            new StatusPageMessage("No calculation run has finished yet, so there is nothing to download.").Set(http);
            return Results.NotFound();
        }

        if (await export.ReadAsync(new ExportRequest(http.RequestServices, context, run, parameters), cancellationToken) is not { } table)
        {
            new StatusPageMessage($"Run #{run.Id} has nothing to download at this address: what it names is not in the run.").Set(http);
            return Results.NotFound();
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(run, table.Name)}\"";
        await CsvWriter.WriteAsync(http.Response.Body, table.Columns, table.Rows, Format, cancellationToken);
        return Results.Empty;
    }

    private static async IAsyncEnumerable<CsvCell[]> CustomerHistoryRowsAsync(CustomerQueries queries, CustomerDetail customer, string timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        DateOnly Day(DateTime utc) => PurchaseDay.Of(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone);
        await foreach (var p in queries.PurchasesAsync(customer.CustomerId))
        {
            yield return [Text("purchase"), Text(customer.ExternalId), Date(Day(p.OccurredAtUtc)), Number(p.Amount), Text(p.Currency), Text(p.OrderReference), Empty, Empty, Empty, Empty, Empty, Empty];
        }

        foreach (var state in customer.History)
        {
            yield return
            [
                Text("run"), Text(customer.ExternalId), Date(state.ObservationEnd ?? Day(state.AsOfUtc)), Empty, Empty, Empty, Number(state.RunId), Text(state.Segment), Text(state.ValueTier),
                Number(state.ProbabilityAlive), Number(state.ExpectedPurchases), Number(state.PredictedClv),
            ];
        }
    }

    // A channel or a customer id is the user's own text: only letters and digits reach a file name, and not too many.
    private static string FileNamePart(string text, string otherwise)
    {
        var part = new string(text.Take(FileNamePartLength).Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return part.Length == 0 ? otherwise : part;
    }
}
