using System.Globalization;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Cohorts;
using CltvDashboard.Domain.Rfm;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Domain.Analysis;

/// <summary>What an analysis knows of its customers beyond their transactions.</summary>
/// <param name="ChannelOf">Each customer's acquisition channel by customer id; null when the data names no channels.</param>
/// <param name="Previous">Each customer's segments in the previous run by customer id; null when there was none.</param>
public sealed record CustomerBaseContext(Func<string, string?>? ChannelOf, IReadOnlyDictionary<string, PreviousSegments>? Previous);

/// <summary>
/// The customer-base analysis: from a transaction log, the period and the settings to summaries, RFM, cohorts, the
/// purchase-count models fitted and chosen on a holdout, the chosen model refitted on the full history, Gamma-Gamma
/// with its fallback, forecasts and valuation, tiers, bands and segment totals. No I/O. <see cref="Run"/> does all of
/// it; hosts that need less (the command line's fit and predict) call the steps they need.
/// </summary>
public static class CustomerBaseAnalysis
{
    // Below these, the models' estimates rest on too little to trust, and the user is told so.
    private const int MinimumRepeatCustomers = 100;
    private const double MinimumRepeatShare = 0.05;
    private const int ShortHistoryDays = 180;

    // Mean P(alive) from which the data are said to show little dropout.
    private const double LittleDropoutAlive = 0.98;

    /// <summary>Runs the whole analysis.</summary>
    /// <param name="log">Every transaction, net per customer and day.</param>
    /// <param name="observationEnd">The last day of data to take into account.</param>
    /// <param name="settings">The business's settings.</param>
    /// <param name="context">Channels and the previous run's segments; null for neither.</param>
    /// <param name="enterStage">Told as each step begins; null to stay silent.</param>
    /// <exception cref="AnalysisException">No customer has a purchase on or before <paramref name="observationEnd"/>.</exception>
    public static AnalysisResult Run(
        TransactionLog log, DateOnly observationEnd, AnalysisSettings settings, CustomerBaseContext? context = null, Action<AnalysisStage>? enterStage = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(settings);
        var enter = enterStage ?? (_ => { });
        var unit = settings.TimeUnit;
        var builder = new CustomerSummaryBuilder(log);
        enter(AnalysisStage.Summarising);
        var full = builder.Build(new SummaryPeriod(observationEnd, observationEnd, unit));
        if (full.Customers.Count == 0)
        {
            throw new AnalysisException($"No customer has a purchase on or before {observationEnd:yyyy-MM-dd}: there is nothing to calculate. Import transactions first.");
        }

        var warnings = new List<string>();
        CheckDataQuality(full, log.FirstDay!.Value, observationEnd, warnings);
        var histories = full.Histories();
        var fits = new List<ModelFitReport>();
        var checks = new List<ModelCheckPoint>();

        enter(AnalysisStage.Rfm);
        var rfm = RfmAnalysis.Score(full.Customers, observationEnd);
        enter(AnalysisStage.Cohorts);
        var cohortBuilder = new CohortBuilder(log);
        var cohorts = cohortBuilder.Build(observationEnd);
        var channelOf = context?.ChannelOf;
        // Per channel only when the data names channels at all; then customers without one form the Unknown channel,
        // as in the channel segments, so that the channels' cells add up to the all-customer cells.
        var channelCohorts = channelOf is null
            ? new Dictionary<string, CohortTable>()
            : cohortBuilder.BuildByGroup(observationEnd, id => Segmentations.ChannelSegment(channelOf(id)));

        var calibrationEnd = ChooseCalibrationEnd(log.FirstDay!.Value, observationEnd, settings.HoldoutMonths, warnings);
        var (countFit, reason, holdout) = calibrationEnd is { } end
            ? FitWithHoldout(builder, new SummaryPeriod(end, observationEnd, unit), histories, fits, checks, warnings, enter)
            : FitWithoutHoldout(full, histories, fits, warnings, enter);
        var model = countFit?.Model;

        enter(AnalysisStage.FittingSpend);
        var spend = SpendEstimate.Compute(full.Customers);
        fits.Add(SpendReport(spend));
        warnings.AddRange(SpendWarnings(spend));

        CustomerForecast? forecast = null;
        if (model is not null)
        {
            enter(AnalysisStage.Forecasting);
            forecast = CustomerForecast.Compute(
                model, histories, spend.ExpectedAverageValues, settings.Valuation.Horizon, settings.Valuation, unit.FromDays(settings.PurchaseWindowDays));
            AddLittleDropoutWarning(model, forecast, warnings);
        }

        enter(AnalysisStage.Segmenting);
        var customers = AssembleCustomers(full, rfm, spend.ExpectedAverageValues, forecast, channelOf, observationEnd, settings);
        var totals = new SegmentTotals(customers, context?.Previous);
        AnalysisRanges? ranges = null;
        if (settings.Ranges is { } rangeOptions && countFit is not null && forecast is not null)
        {
            enter(AnalysisStage.Ranges);
            ranges = Ranges(countFit, holdout, full, histories, spend, forecast, totals, log.FirstDay!.Value, observationEnd, settings, rangeOptions);
            if (ranges.Narrowing.Sentence("expected purchases") is { } advice)
            {
                warnings.Add(advice);
            }
        }

        var retention = RuleOfThumbClv.ObservedYearlyRetention(log, observationEnd);
        return new AnalysisResult(
            customers,
            totals.Summaries(settings.AcquisitionCosts, retention),
            totals.Moves(),
            cohorts,
            channelCohorts,
            fits,
            checks,
            observationEnd,
            calibrationEnd,
            model?.Name,
            reason,
            warnings,
            totals.RuleOfThumb(settings.AcquisitionCosts, retention)!)
        {
            RevenueOfCustomersLeftOut = full.RevenueWithoutPurchase,
            Ranges = ranges,
        };
    }

    // The holdout's range from the chosen model's calibration fit, then the horizon's from the refit: per customer, in
    // total and per segment of every segmentation, with the advice on how much more data would narrow the total.
    private static AnalysisRanges Ranges(
        CountModelFit fit,
        HoldoutInputs? holdout,
        TransactionSummary full,
        PurchaseHistory[] histories,
        SpendEstimate spend,
        CustomerForecast forecast,
        SegmentTotals totals,
        DateOnly firstDay,
        DateOnly observationEnd,
        AnalysisSettings settings,
        RangeOptions options)
    {
        HoldoutRange? holdoutRange = null;
        if (holdout is { } h)
        {
            var holdoutRanges = ForecastRanges.Compute(h.Fit, h.Histories, h.Length, options);
            holdoutRange = new HoldoutRange(holdoutRanges.Total().Purchases, h.Actual);
        }

        var spendHistories = new SpendHistory[full.Customers.Count];
        for (var i = 0; i < spendHistories.Length; i++)
        {
            spendHistories[i] = SpendHistory.From(full.Customers[i]);
        }

        var ranges = ForecastRanges.Compute(fit, histories, settings.Valuation.Horizon, options, new RangeSpend(spend, spendHistories, [.. forecast.Clv]));
        var segments = new List<SegmentRanges>();
        foreach (var segmentation in Segmentations.All)
        {
            var (segmentOf, names) = totals.Numbered(segmentation);
            var segmentRanges = ranges.Totals(segmentOf, names.Length);
            for (var s = 0; s < names.Length; s++)
            {
                segments.Add(new SegmentRanges(segmentation, names[s], segmentRanges[s]));
            }
        }

        var total = ranges.Total();
        var repeatCustomers = Math.Max(full.Customers.Count(c => c.Frequency > 0), 1);
        var months = (observationEnd.DayNumber - firstDay.DayNumber) / TimeUnits.DaysPerMonth;
        var narrowing = RangeNarrowing.Advise(total, AnalysisRanges.TargetWidth, repeatCustomers, months > 0 ? repeatCustomers / months : 0);
        return new AnalysisRanges(
            fit.Model.Name, ranges.IncludesParameterUncertainty, ranges.IncludesSpendUncertainty, holdoutRange, total, segments, ranges.Customers(), narrowing);
    }

    // What the holdout's range needs: the chosen model's calibration fit, the calibration histories, the holdout's length and its purchases.
    private sealed record HoldoutInputs(CountModelFit Fit, PurchaseHistory[] Histories, double Length, int Actual);

    /// <summary>Fits every model of the <see cref="CountModelCatalog"/>; a model the data cannot support is reported, not thrown.</summary>
    /// <param name="histories">The customers' calibration histories.</param>
    /// <param name="starting">Told before each model is fitted; null to stay silent.</param>
    /// <param name="finished">Told after each model is fitted or has failed; null to stay silent.</param>
    public static IReadOnlyList<CountModelAttempt> FitCountModels(
        PurchaseHistory[] histories, Action<CountModelDefinition>? starting = null, Action<CountModelAttempt>? finished = null)
    {
        var attempts = new List<CountModelAttempt>();
        foreach (var definition in CountModelCatalog.All)
        {
            starting?.Invoke(definition);
            CountModelAttempt attempt;
            try
            {
                attempt = new CountModelAttempt(definition, definition.Fit(histories), null);
            }
            catch (ModelFitException e)
            {
                attempt = new CountModelAttempt(definition, null, e.Message);
            }

            finished?.Invoke(attempt);
            attempts.Add(attempt);
        }

        return attempts;
    }

    /// <summary>Chooses among the fitted models (<see cref="ModelSelection"/>); null when none could be fitted.</summary>
    /// <param name="attempts">The fits, as <see cref="FitCountModels"/> gives them.</param>
    /// <param name="summary">The customers the models were fitted on, with holdout actuals if any.</param>
    public static ModelSelectionResult? ChooseCountModel(IReadOnlyList<CountModelAttempt> attempts, TransactionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var candidates = attempts.Where(a => a.Fit is not null).Select(a => a.Fit!.AsCandidate()).ToList();
        return candidates.Count == 0 ? null : ModelSelection.Choose(candidates, summary);
    }

    // A holdout is kept back only when the history before it is at least as long as the holdout itself: with
    // less, the models would learn from too little of each customer's life to be fairly judged.
    private static DateOnly? ChooseCalibrationEnd(DateOnly firstDay, DateOnly observationEnd, int holdoutMonths, List<string> warnings)
    {
        if (holdoutMonths <= 0)
        {
            return null;
        }

        var calibrationEnd = observationEnd.AddMonths(-holdoutMonths);
        if (calibrationEnd.DayNumber - firstDay.DayNumber < observationEnd.DayNumber - calibrationEnd.DayNumber)
        {
            warnings.Add(
                $"The history ({firstDay:yyyy-MM-dd} to {observationEnd:yyyy-MM-dd}) is too short to hold out {holdoutMonths} months for checking the models; the model was chosen by its fit alone.");
            return null;
        }

        return calibrationEnd;
    }

    private static (CountModelFit? Fit, string? Reason, HoldoutInputs? Holdout) FitWithHoldout(
        CustomerSummaryBuilder builder,
        SummaryPeriod period,
        PurchaseHistory[] histories,
        List<ModelFitReport> fits,
        List<ModelCheckPoint> checks,
        List<string> warnings,
        Action<AnalysisStage> enter)
    {
        enter(AnalysisStage.FittingCalibration);
        var calibration = builder.Build(period);
        var calibrationHistories = calibration.Histories();
        var attempts = FitCountModels(calibrationHistories);
        if (attempts.All(a => a.Fit is null))
        {
            fits.AddRange(attempts.Select(a => Report(a, FitPeriod.Calibration, calibrationHistories.Length, chosen: null, holdout: null)));
            warnings.Add("None of the purchase-count models could be fitted to this data, so no P(alive), expected purchases or CLV were predicted.");
            return (null, null, null);
        }

        enter(AnalysisStage.Holdout);
        var selection = ChooseCountModel(attempts, calibration)!;
        AddSelectionWarning(selection, warnings);
        var chosen = selection.Chosen.Model.Name;
        fits.AddRange(attempts.Select(a => Report(a, FitPeriod.Calibration, calibrationHistories.Length, chosen, selection.Holdout.GetValueOrDefault(a.Model.Name))));
        checks.AddRange(ModelCheckPoints.Compute(selection.Chosen.Model, calibration, selection.Holdout[chosen]));

        // The holdout picks the model; its forecasts then learn from every month there is.
        enter(AnalysisStage.FittingChosen);
        var final = CountModelCatalog.Get(chosen).Fit(histories);
        warnings.AddRange(final.Diagnostics.Limits);
        fits.Add(Report(new CountModelAttempt(CountModelCatalog.Get(chosen), final, null), FitPeriod.FullHistory, histories.Length, chosen, holdout: null));
        var calibrationFit = attempts.First(a => a.Model.Name == chosen).Fit!;
        var holdout = new HoldoutInputs(calibrationFit, calibrationHistories, period.HoldoutLength, calibration.Customers.Sum(c => c.HoldoutFrequency));
        return (final, selection.Reason + " Its forecasts come from a refit on the full history.", holdout);
    }

    private static (CountModelFit? Fit, string? Reason, HoldoutInputs? Holdout) FitWithoutHoldout(
        TransactionSummary full, PurchaseHistory[] histories, List<ModelFitReport> fits, List<string> warnings, Action<AnalysisStage> enter)
    {
        enter(AnalysisStage.FittingFull);
        var attempts = FitCountModels(histories);
        var selection = ChooseCountModel(attempts, full);
        if (selection is not null)
        {
            AddSelectionWarning(selection, warnings);
            warnings.AddRange(attempts.First(a => a.Model.Name == selection.Chosen.Model.Name).Fit!.Diagnostics.Limits);
        }

        fits.AddRange(attempts.Select(a => Report(a, FitPeriod.FullHistory, histories.Length, selection?.Chosen.Model.Name, holdout: null)));
        return selection is null ? (null, null, null) : (attempts.First(a => a.Model.Name == selection.Chosen.Model.Name).Fit, selection.Reason, null);
    }

    // A fit inside the parameter space can still see almost no one leave (the data's days merge a heavy buyer's
    // purchases, which a likelihood-ratio test may read as a trace of dropout); the owner needs to know either way.
    private static void AddLittleDropoutWarning(IPurchaseCountModel model, CustomerForecast forecast, List<string> warnings)
    {
        if (warnings.Any(w => w.StartsWith(NoDropoutLimit.Opening, StringComparison.Ordinal)) || forecast.ProbabilityAlive.Count == 0)
        {
            return;
        }

        var alive = forecast.ProbabilityAlive.Average();
        if (alive >= LittleDropoutAlive)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Little evidence of dropout in the data: {CountModelCatalog.DisplayName(model.Name)} expects {100 * alive:F1} % of customers to be still active, so P(alive) hardly tells customers apart; a customer's chance of buying again falls mostly with how rarely they buy."));
        }
    }

    private static void AddSelectionWarning(ModelSelectionResult selection, List<string> warnings)
    {
        if (selection.Caution is { } caution)
        {
            warnings.Add(caution);
        }
    }

    private static ModelFitReport Report(CountModelAttempt attempt, FitPeriod period, int customers, string? chosen, HoldoutReport? holdout) =>
        attempt.Fit is { } fit
            ? new ModelFitReport(
                attempt.Model.Name,
                period,
                attempt.Model.Name == chosen,
                customers,
                fit.Model.ParameterValues,
                fit.StandardErrors,
                double.IsFinite(fit.LogLikelihood) ? fit.LogLikelihood : null,
                fit.Diagnostics.Converged,
                JoinWarnings(fit.Diagnostics),
                holdout)
            : new ModelFitReport(attempt.Model.Name, period, false, customers, new Dictionary<string, double>(), null, null, false, attempt.Failure, null);

    private static ModelFitReport SpendReport(SpendEstimate spend)
    {
        if (spend.Fit is not { } fit)
        {
            return new ModelFitReport(GammaGammaParameters.ModelName, FitPeriod.FullHistory, false, 0, new Dictionary<string, double>(), null, null, false, spend.Failure, null);
        }

        var parameters = fit.Parameters;
        return new ModelFitReport(
            GammaGammaParameters.ModelName,
            FitPeriod.FullHistory,
            true,
            fit.CustomersUsed,
            new Dictionary<string, double> { ["p"] = parameters.P, ["q"] = parameters.Q, ["gamma"] = parameters.Gamma },
            fit.ModelFit.StandardErrors,
            double.IsFinite(fit.ModelFit.LogLikelihood) ? fit.ModelFit.LogLikelihood : null,
            fit.ModelFit.Diagnostics.Converged,
            JoinWarnings(fit.ModelFit.Diagnostics),
            null);
    }

    private static string? JoinWarnings(FitDiagnostics diagnostics) =>
        diagnostics.Warnings.Count > 0 ? string.Join('\n', diagnostics.Warnings) : null;

    private static IEnumerable<string> SpendWarnings(SpendEstimate spend)
    {
        if (spend.Fit is not { } fit)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Gamma-Gamma: {spend.Failure} Every customer's expected purchase value is the historical average, {spend.HistoricalAverage:F2}.");
            yield break;
        }

        if (fit.FrequencyValueCorrelation is { } correlation && Math.Abs(correlation) > GammaGammaFit.CorrelationWarningThreshold)
        {
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"Purchase frequency and average spend are correlated (r = {correlation:F2}); Gamma-Gamma assumes they are independent, so expected values may be biased.");
        }

        if (spend.MeanIsUnbounded)
        {
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"Gamma-Gamma's q = {fit.Parameters.Q:G4} ≤ 1 gives an unbounded mean spend; customers without repeat purchases are valued at the historical average purchase value, {spend.HistoricalAverage:F2}.");
        }
    }

    private static void CheckDataQuality(TransactionSummary summary, DateOnly firstDay, DateOnly observationEnd, List<string> warnings)
    {
        var customers = summary.Customers.Count;
        var repeat = summary.Customers.Count(c => c.Frequency > 0);
        var enough = Math.Max(MinimumRepeatCustomers, (int)Math.Ceiling(MinimumRepeatShare * customers));
        if (repeat < enough)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Only {repeat:N0} of {customers:N0} customers ({100.0 * repeat / customers:F1} %) bought more than once: the models learn how often people buy and when they stop from repeat buyers, and at least {enough:N0} of them would make P(alive), churn risk and CLV dependable, so treat these with caution."));
        }

        var days = observationEnd.DayNumber - firstDay.DayNumber;
        if (days < ShortHistoryDays)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"The history is short ({days:N0} days, {firstDay:yyyy-MM-dd} to {observationEnd:yyyy-MM-dd}): the models have seen too little of each customer's life to tell a pause from a departure, so forecasts beyond a few months are guesses."));
        }

        if (summary.CustomersWithoutPurchase > 0)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{summary.CustomersWithoutPurchase:N0} customers have no purchase left on or before {observationEnd:yyyy-MM-dd} once refunds are netted (only refunds, or every purchase cancelled on its day) and are not modelled; their net of {summary.RevenueWithoutPurchase:N2} is counted in the historical revenue."));
        }
    }

    private static CustomerResult[] AssembleCustomers(
        TransactionSummary summary,
        RfmResult rfm,
        double[] values,
        CustomerForecast? forecast,
        Func<string, string?>? channelOf,
        DateOnly observationEnd,
        AnalysisSettings settings)
    {
        var customers = summary.Customers;
        var count = customers.Count;
        IReadOnlyList<double> worth = forecast?.Clv ?? [.. customers.Select(c => (double)c.Revenue)];
        var tiers = settings.ValueTiers.Assign(worth);
        var results = new CustomerResult[count];
        for (var i = 0; i < count; i++)
        {
            var customer = customers[i];
            var score = rfm.Customers[i];
            double? alive = forecast is null ? null : forecast.ProbabilityAlive[i];
            double? chance = forecast?.ProbabilityOfPurchase![i];
            results[i] = new CustomerResult(
                customer.CustomerId,
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
                settings.ChurnRisk.Band(chance),
                new DateOnly(customer.FirstPurchase.Year, customer.FirstPurchase.Month, 1),
                channelOf?.Invoke(customer.CustomerId),
                Money(values[i]),
                alive,
                forecast?.ExpectedPurchases[i],
                forecast is null ? null : Money(forecast.Clv[i]),
                chance,
                forecast is null ? null : NextPurchase.DateOfEvenChance(observationEnd, forecast.TimeToEvenChance![i], settings.TimeUnit));
        }

        return results;
    }

    private static decimal Money(double value) =>
        double.IsFinite(value) ? Math.Round((decimal)Math.Clamp(value, -1e13, 1e13), 4, MidpointRounding.AwayFromZero) : 0m;
}
