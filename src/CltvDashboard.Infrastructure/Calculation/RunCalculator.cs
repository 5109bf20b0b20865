using System.Globalization;
using System.Text.Json;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Cohorts;
using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// Runs the engine over a filled transaction log with the business's settings: summaries, RFM, cohorts, the three
/// purchase-count models with selection on a holdout, Gamma-Gamma and valuation; then tiers, bands and segment
/// totals. No I/O: the pipeline reads before and writes after.
/// </summary>
internal sealed class RunCalculator(BusinessSettings settings, Action<string, int> enterStage, TimeProvider timeProvider)
{
    public const string GammaGammaName = "gammagamma";
    public const string Top = "Top";
    public const string Middle = "Middle";
    public const string Low = "Low";
    public const string High = "High";
    public const string Medium = "Medium";
    public const string Unknown = "Unknown";

    // Below these, the models' estimates rest on too little to trust, and the user is told so.
    private const int MinimumRepeatCustomers = 100;
    private const double MinimumRepeatShare = 0.05;
    private const int ShortHistoryDays = 180;

    private static readonly string[] CountModelNames = [BgNbdParameters.ModelName, "paretonbd", MbgNbdParameters.ModelName];

    public RunResults Calculate(
        TransactionLog log,
        DateOnly observationEnd,
        IReadOnlyDictionary<long, string> channels,
        IReadOnlyDictionary<long, PreviousSegments>? previous)
    {
        var unit = settings.TimeUnit;
        var builder = new CustomerSummaryBuilder(log);
        enterStage(RunStages.Summarising, 30);
        var full = builder.Build(new SummaryPeriod(observationEnd, observationEnd, unit));
        if (full.Customers.Count == 0)
        {
            throw new RecalculationException($"No customer has a purchase on or before {observationEnd:yyyy-MM-dd}: there is nothing to calculate. Import transactions first.");
        }

        var warnings = new List<string>();
        CheckDataQuality(full, log.FirstDay!.Value, observationEnd, warnings);
        var histories = full.Histories();
        var fits = new List<RunModelFit>();
        var checks = new List<RunModelCheckPoint>();

        enterStage(RunStages.Rfm, 35);
        var rfm = RfmAnalysis.Score(full.Customers, observationEnd);
        enterStage(RunStages.Cohorts, 38);
        var cohortBuilder = new CohortBuilder(log);
        var cohorts = cohortBuilder.Build(observationEnd);
        var channelCohorts = ChannelCohorts(cohortBuilder, observationEnd, channels);

        var calibrationEnd = ChooseCalibrationEnd(log.FirstDay!.Value, observationEnd, warnings);
        var (model, reason) = calibrationEnd is { } end
            ? FitWithHoldout(builder, new SummaryPeriod(end, observationEnd, unit), histories, fits, checks, warnings)
            : FitWithoutHoldout(full, histories, fits);

        enterStage(RunStages.FittingSpend, 70);
        var values = ExpectedAverageValues(full, fits, warnings);

        CustomerForecast? forecast = null;
        if (model is not null)
        {
            enterStage(RunStages.Forecasting, 78);
            var valuation = new ValuationOptions(
                settings.ForecastHorizonMonths,
                ValuationOptions.MonthlyRateFromAnnual((double)settings.AnnualDiscountRate),
                (double)settings.ProfitMargin,
                unit);
            forecast = CustomerForecast.Compute(model, histories, values, valuation.Horizon, valuation);
        }

        enterStage(RunStages.Segmenting, 85);
        var customers = AssembleCustomers(full, rfm, values, forecast, channels, observationEnd);
        var aggregator = new SegmentAggregator(settings, customers, previous);
        var segments = aggregator.Summaries();
        var migrations = aggregator.Migrations();
        return new RunResults(customers, segments, migrations, cohorts.Cells, channelCohorts, fits, checks, observationEnd, calibrationEnd, model?.Name, reason, warnings);
    }

    // Per channel only when the data names channels at all; then customers without one form the Unknown channel,
    // as in the channel segments, so that the channels' cells add up to the all-customer cells.
    private static IReadOnlyDictionary<string, CohortTable> ChannelCohorts(CohortBuilder builder, DateOnly observationEnd, IReadOnlyDictionary<long, string> channels) =>
        channels.Count == 0
            ? new Dictionary<string, CohortTable>()
            : builder.BuildByGroup(
                observationEnd,
                id => SegmentAggregator.ChannelName(channels.GetValueOrDefault(long.Parse(id, CultureInfo.InvariantCulture))));

    // A holdout is kept back only when the history before it is at least as long as the holdout itself: with
    // less, the models would learn from too little of each customer's life to be fairly judged.
    private DateOnly? ChooseCalibrationEnd(DateOnly firstDay, DateOnly observationEnd, List<string> warnings)
    {
        if (settings.HoldoutMonths <= 0)
        {
            return null;
        }

        var calibrationEnd = observationEnd.AddMonths(-settings.HoldoutMonths);
        if (calibrationEnd.DayNumber - firstDay.DayNumber < observationEnd.DayNumber - calibrationEnd.DayNumber)
        {
            warnings.Add(
                $"The history ({firstDay:yyyy-MM-dd} to {observationEnd:yyyy-MM-dd}) is too short to hold out {settings.HoldoutMonths} months for checking the models; the model was chosen by its fit alone.");
            return null;
        }

        return calibrationEnd;
    }

    private (IPurchaseCountModel? Model, string? Reason) FitWithHoldout(
        CustomerSummaryBuilder builder, SummaryPeriod period, PurchaseHistory[] histories, List<RunModelFit> fits, List<RunModelCheckPoint> checks, List<string> warnings)
    {
        enterStage(RunStages.FittingCalibration, 40);
        var calibration = builder.Build(period);
        var calibrationFits = FitCountModels(calibration.Histories(), ModelFitPeriod.Calibration, fits);
        if (calibrationFits.Count == 0)
        {
            warnings.Add("None of the purchase-count models could be fitted to this data, so no P(alive), expected purchases or CLV were predicted.");
            return (null, null);
        }

        enterStage(RunStages.Holdout, 55);
        var selection = ModelSelection.Choose([.. calibrationFits.Select(f => f.Candidate)], calibration);
        foreach (var (row, _) in calibrationFits)
        {
            if (selection.Holdout.TryGetValue(row.ModelName, out var report))
            {
                row.HoldoutMeanAbsoluteError = report.MeanAbsoluteError;
                row.BaselineMeanAbsoluteError = report.Baseline.MeanAbsoluteError;
                row.HoldoutPredictedPurchases = report.TotalPredicted;
                row.HoldoutActualPurchases = report.TotalActual;
            }

            row.IsChosen = row.ModelName == selection.Chosen.Model.Name;
        }

        checks.AddRange(ModelChecks.Compute(selection.Chosen.Model, calibration, selection.Holdout[selection.Chosen.Model.Name]));

        // The holdout picks the model; its forecasts then learn from every month there is.
        enterStage(RunStages.FittingChosen, 60);
        var final = FitCountModel(selection.Chosen.Model.Name, histories);
        fits.Add(FitRow(selection.Chosen.Model.Name, ModelFitPeriod.FullHistory, histories.Length, final.Model.ParameterValues, final.LogLikelihood, final.StandardErrors, final.Diagnostics, isChosen: true));
        return (final.Model, selection.Reason + " Its forecasts come from a refit on the full history.");
    }

    private (IPurchaseCountModel? Model, string? Reason) FitWithoutHoldout(TransactionSummary full, PurchaseHistory[] histories, List<RunModelFit> fits)
    {
        enterStage(RunStages.FittingFull, 40);
        var candidates = FitCountModels(histories, ModelFitPeriod.FullHistory, fits);
        if (candidates.Count == 0)
        {
            return (null, null);
        }

        var selection = ModelSelection.Choose([.. candidates.Select(f => f.Candidate)], full);
        foreach (var (row, _) in candidates)
        {
            row.IsChosen = row.ModelName == selection.Chosen.Model.Name;
        }

        return (selection.Chosen.Model, selection.Reason);
    }

    private List<(RunModelFit Row, CandidateModel Candidate)> FitCountModels(PurchaseHistory[] histories, ModelFitPeriod period, List<RunModelFit> fits)
    {
        var fitted = new List<(RunModelFit, CandidateModel)>();
        foreach (var name in CountModelNames)
        {
            try
            {
                var fit = FitCountModel(name, histories);
                var row = FitRow(name, period, histories.Length, fit.Model.ParameterValues, fit.LogLikelihood, fit.StandardErrors, fit.Diagnostics, isChosen: false);
                fits.Add(row);
                fitted.Add((row, new CandidateModel(fit.Model, fit.LogLikelihood, fit.Diagnostics)));
            }
            catch (ModelFitException e)
            {
                fits.Add(new RunModelFit
                {
                    ModelName = name,
                    Period = period,
                    ParametersJson = "{}",
                    CustomersUsed = histories.Length,
                    Warnings = e.Message,
                    FittedAtUtc = timeProvider.GetUtcNow().UtcDateTime,
                });
            }
        }

        return fitted;
    }

    private static (IPurchaseCountModel Model, double LogLikelihood, IReadOnlyDictionary<string, double?> StandardErrors, FitDiagnostics Diagnostics) FitCountModel(
        string name, PurchaseHistory[] histories)
    {
        switch (name)
        {
            case BgNbdParameters.ModelName:
                var bg = BgNbdFitter.Fit(histories);
                return (bg.Parameters, bg.LogLikelihood, bg.StandardErrors, bg.Diagnostics);
            case MbgNbdParameters.ModelName:
                var mbg = MbgNbdFitter.Fit(histories);
                return (mbg.Parameters, mbg.LogLikelihood, mbg.StandardErrors, mbg.Diagnostics);
            default:
                var pareto = ParetoNbdFitter.Fit(histories);
                return (pareto.Parameters, pareto.LogLikelihood, pareto.StandardErrors, pareto.Diagnostics);
        }
    }

    private RunModelFit FitRow(
        string name,
        ModelFitPeriod period,
        int customers,
        IReadOnlyDictionary<string, double> parameters,
        double logLikelihood,
        IReadOnlyDictionary<string, double?> standardErrors,
        FitDiagnostics diagnostics,
        bool isChosen) => new()
        {
            ModelName = name,
            Period = period,
            IsChosen = isChosen,
            CustomersUsed = customers,
            ParametersJson = JsonSerializer.Serialize(parameters),
            StandardErrorsJson = JsonSerializer.Serialize(standardErrors),
            LogLikelihood = double.IsFinite(logLikelihood) ? logLikelihood : null,
            Converged = diagnostics.Converged,
            Warnings = diagnostics.Warnings.Count > 0 ? string.Join('\n', diagnostics.Warnings) : null,
            FittedAtUtc = timeProvider.GetUtcNow().UtcDateTime,
        };

    // Gamma-Gamma's conditional expectation per customer. Where the model cannot speak (it could not be fitted, or
    // its population mean is infinite for customers without repeat purchases) the historical average occasion
    // value stands in, as the command line's predict does.
    private double[] ExpectedAverageValues(TransactionSummary summary, List<RunModelFit> fits, List<string> warnings)
    {
        var customers = summary.Customers;
        var occasions = 0.0;
        var revenue = 0m;
        var spend = new SpendHistory[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            occasions += customers[i].PurchaseOccasions;
            revenue += customers[i].Revenue;
            spend[i] = SpendHistory.From(customers[i]);
        }

        var historicalAverage = Math.Max(0, (double)revenue / occasions);
        var values = new double[customers.Count];
        GammaGammaParameters parameters;
        try
        {
            var fit = GammaGammaFitter.Fit(spend);
            parameters = fit.Parameters;
            var row = FitRow(
                GammaGammaName,
                ModelFitPeriod.FullHistory,
                fit.CustomersUsed,
                new Dictionary<string, double> { ["p"] = parameters.P, ["q"] = parameters.Q, ["gamma"] = parameters.Gamma },
                fit.ModelFit.LogLikelihood,
                fit.ModelFit.StandardErrors,
                fit.ModelFit.Diagnostics,
                isChosen: true);
            fits.Add(row);
            if (fit.FrequencyValueCorrelation is { } correlation && Math.Abs(correlation) > GammaGammaFit.CorrelationWarningThreshold)
            {
                warnings.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Purchase frequency and average spend are correlated (r = {correlation:F2}); Gamma-Gamma assumes they are independent, so expected values may be biased."));
            }
        }
        catch (ModelFitException e)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Gamma-Gamma: {e.Message} Every customer's expected purchase value is the historical average, {historicalAverage:F2}."));
            fits.Add(new RunModelFit
            {
                ModelName = GammaGammaName,
                Period = ModelFitPeriod.FullHistory,
                ParametersJson = "{}",
                CustomersUsed = 0,
                Warnings = e.Message,
                FittedAtUtc = timeProvider.GetUtcNow().UtcDateTime,
            });
            Array.Fill(values, historicalAverage);
            return values;
        }

        if (!parameters.HasFiniteMean)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Gamma-Gamma's q = {parameters.Q:G4} ≤ 1 gives an unbounded mean spend; customers without repeat purchases are valued at the historical average purchase value, {historicalAverage:F2}."));
        }

        for (var i = 0; i < customers.Count; i++)
        {
            var customer = customers[i];
            values[i] = customer.Frequency == 0 && !parameters.HasFiniteMean
                ? historicalAverage
                : parameters.ConditionalExpectedAverageValue(customer.Frequency, Math.Max(0, customer.MonetaryValue));
        }

        return values;
    }

    private static void CheckDataQuality(TransactionSummary summary, DateOnly firstDay, DateOnly observationEnd, List<string> warnings)
    {
        var customers = summary.Customers.Count;
        var repeat = summary.Customers.Count(c => c.Frequency > 0);
        if (repeat < MinimumRepeatCustomers || repeat < MinimumRepeatShare * customers)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Only {repeat:N0} of {customers:N0} customers ({100.0 * repeat / customers:F1}%) bought more than once; the purchase-count models have little to learn from, so treat P(alive) and CLV with caution."));
        }

        if (observationEnd.DayNumber - firstDay.DayNumber < ShortHistoryDays)
        {
            warnings.Add($"The history is very short ({firstDay:yyyy-MM-dd} to {observationEnd:yyyy-MM-dd}); forecasts beyond a few months are extrapolations.");
        }

        if (summary.CustomersWithoutPurchase > 0)
        {
            warnings.Add($"{summary.CustomersWithoutPurchase:N0} customers have only refunds on or before {observationEnd:yyyy-MM-dd} and are left out.");
        }
    }

    private CustomerResult[] AssembleCustomers(
        TransactionSummary summary,
        RfmResult rfm,
        double[] values,
        CustomerForecast? forecast,
        IReadOnlyDictionary<long, string> channels,
        DateOnly observationEnd)
    {
        var customers = summary.Customers;
        var count = customers.Count;
        var tiers = ValueTiers(count, forecast is null ? i => (double)customers[i].Revenue : i => forecast.Clv[i]);
        var results = new CustomerResult[count];
        for (var i = 0; i < count; i++)
        {
            var customer = customers[i];
            var score = rfm.Customers[i];
            var id = long.Parse(customer.CustomerId, CultureInfo.InvariantCulture);
            double? alive = forecast is null ? null : forecast.ProbabilityAlive[i];
            results[i] = new CustomerResult(
                id,
                customer.Frequency,
                customer.LastPurchase.DayNumber - customer.FirstPurchase.DayNumber,
                observationEnd.DayNumber - customer.FirstPurchase.DayNumber,
                observationEnd.DayNumber - customer.LastPurchase.DayNumber,
                customer.Revenue,
                Money(customer.MonetaryValue),
                score.RecencyScore,
                score.FrequencyScore,
                score.MonetaryScore,
                score.Segment,
                tiers[i],
                ChurnRiskBand(alive),
                new DateOnly(customer.FirstPurchase.Year, customer.FirstPurchase.Month, 1),
                channels.GetValueOrDefault(id),
                Money(values[i]),
                alive,
                forecast?.ExpectedPurchases[i],
                forecast is null ? null : Money(forecast.Clv[i]));
        }

        // In key order, the rows append to the ends of the primary key and the customer index instead of landing at
        // random places in them, which makes the bulk write several times faster.
        Array.Sort(results, static (x, y) => x.CustomerId.CompareTo(y.CustomerId));
        return results;
    }

    private string ChurnRiskBand(double? probabilityAlive) => probabilityAlive switch
    {
        null => Unknown,
        { } p when p < settings.HighChurnRiskBelow => High,
        { } p when p < settings.MediumChurnRiskBelow => Medium,
        _ => Low,
    };

    // Ranks customers by value, highest first; the top share is Top, the next share Middle, the rest Low.
    private string[] ValueTiers(int count, Func<int, double> value)
    {
        var keys = new double[count];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = -value(i);
            order[i] = i;
        }

        Array.Sort(keys, order);
        var top = (int)Math.Ceiling(count * settings.TopValueTierShare);
        var middle = (int)Math.Ceiling(count * (settings.TopValueTierShare + settings.MiddleValueTierShare));
        var tiers = new string[count];
        for (var rank = 0; rank < count; rank++)
        {
            tiers[order[rank]] = rank < top ? Top : rank < middle ? Middle : Low;
        }

        return tiers;
    }

    private static decimal Money(double value) =>
        double.IsFinite(value) ? Math.Round((decimal)Math.Clamp(value, -1e13, 1e13), 4, MidpointRounding.AwayFromZero) : 0m;
}
