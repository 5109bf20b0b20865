using System.Globalization;
using System.Text.Json;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Domain.Validation;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// Runs the Domain's <see cref="CustomerBaseAnalysis"/> with a run's typed settings and maps what it found to the
/// rows a run stores. The store's customer keys are numbers; the analysis's customer ids are their text.
/// </summary>
internal sealed class RunCalculator(RunSettings settings, Action<string, int> enterStage, TimeProvider timeProvider)
{
    public RunResults Calculate(
        TransactionLog log,
        DateOnly observationEnd,
        IReadOnlyDictionary<long, string> channels,
        IReadOnlyDictionary<long, PreviousSegments>? previous)
    {
        var context = new CustomerBaseContext(
            channels.Count == 0 ? null : id => channels.GetValueOrDefault(Key(id)),
            previous?.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value, StringComparer.Ordinal));
        AnalysisResult result;
        try
        {
            result = CustomerBaseAnalysis.Run(log, observationEnd, settings.Analysis, context, EnterStage);
        }
        catch (AnalysisException e)
        {
            throw new RecalculationException(e.Message, e);
        }

        var fittedAt = timeProvider.GetUtcNow().UtcDateTime;
        var segmentRanges = result.Ranges?.Segments.ToDictionary(s => (s.Segmentation, s.Segment), s => TotalRangeFigures.From(s.Ranges));
        return new RunResults(
            Rows(result.Customers, result.Ranges?.Customers),
            [.. result.Segments.Select(s => Row(s, segmentRanges?.GetValueOrDefault((s.Segmentation, s.Segment))))],
            [.. result.Moves.Select(m => new RunSegmentMigration { Segmentation = m.Segmentation, FromSegment = m.FromSegment, ToSegment = m.ToSegment, CustomerCount = m.CustomerCount })],
            result.Cohorts.Cells,
            result.ChannelCohorts,
            [.. result.ModelFits.Select(f => Row(f, fittedAt))],
            [.. result.ModelChecks.Select(Row)],
            result.ObservationEnd,
            result.CalibrationEnd,
            result.ChosenModel,
            result.ModelChoiceReason,
            result.Warnings,
            result.RuleOfThumb)
        {
            RevenueOfCustomersLeftOut = result.RevenueOfCustomersLeftOut,
            Ranges = result.Ranges is { } ranges ? RunRanges.From(ranges) : null,
        };
    }

    private static long Key(string customerId) => long.Parse(customerId, CultureInfo.InvariantCulture);

    private static CustomerRows Rows(CustomerResult[] customers, CustomerRanges? ranges)
    {
        var ids = new long[customers.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Key(customers[i].CustomerId);
        }

        if (ranges is null)
        {
            Array.Sort(ids, customers);
            return new CustomerRows(ids, customers);
        }

        // The ranges are columns indexed like the analysis's customers, so they follow the same reordering.
        var order = new int[ids.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(ids, order);
        var sorted = new CustomerResult[customers.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = customers[order[i]];
        }

        return new CustomerRows(ids, sorted) { Ranges = CustomerRangeColumns.From(ranges, order) };
    }

    private void EnterStage(AnalysisStage stage)
    {
        var (name, percent) = stage switch
        {
            AnalysisStage.Summarising => (RunStages.Summarising, 30),
            AnalysisStage.Rfm => (RunStages.Rfm, 35),
            AnalysisStage.Cohorts => (RunStages.Cohorts, 38),
            AnalysisStage.FittingCalibration => (RunStages.FittingCalibration, 40),
            AnalysisStage.FittingFull => (RunStages.FittingFull, 40),
            AnalysisStage.Holdout => (RunStages.Holdout, 55),
            AnalysisStage.FittingChosen => (RunStages.FittingChosen, 60),
            AnalysisStage.FittingSpend => (RunStages.FittingSpend, 70),
            AnalysisStage.Forecasting => (RunStages.Forecasting, 78),
            AnalysisStage.Ranges => (RunStages.Ranges, 86),
            _ => (RunStages.Segmenting, 85),
        };
        enterStage(name, percent);
    }

    private static RunSegmentSummary Row(SegmentTotal total, TotalRangeFigures? ranges) => new()
    {
        Segmentation = total.Segmentation,
        Segment = total.Segment,
        CustomerCount = total.CustomerCount,
        Share = total.Share,
        TotalRevenue = total.TotalRevenue,
        AverageOrderValue = total.AverageOrderValue,
        RepeatRate = total.RepeatRate,
        TotalPredictedClv = total.TotalPredictedClv,
        AveragePredictedClv = total.AveragePredictedClv,
        AverageProbabilityAlive = total.AverageProbabilityAlive,
        TotalExpectedPurchases = total.TotalExpectedPurchases,
        AcquisitionCostPerCustomer = total.AcquisitionCostPerCustomer,
        ClvToCac = total.ClvToCac,
        RuleOfThumbClv = total.RuleOfThumbClv,
        PreviousCustomerCount = total.PreviousCustomerCount,
        CustomersMovedIn = total.CustomersMovedIn,
        CustomersMovedOut = total.CustomersMovedOut,
        RangesJson = ranges?.ToJson(),
    };

    private static RunModelFit Row(ModelFitReport fit, DateTime fittedAt) => new()
    {
        ModelName = fit.ModelName,
        Period = fit.Period == FitPeriod.Calibration ? ModelFitPeriod.Calibration : ModelFitPeriod.FullHistory,
        IsChosen = fit.IsChosen,
        CustomersUsed = fit.CustomersUsed,
        ParametersJson = JsonSerializer.Serialize(fit.Parameters),
        StandardErrorsJson = fit.StandardErrors is null ? null : JsonSerializer.Serialize(fit.StandardErrors),
        LogLikelihood = fit.LogLikelihood,
        Converged = fit.Converged,
        Warnings = fit.Warnings,
        HoldoutMeanAbsoluteError = fit.Holdout?.MeanAbsoluteError,
        BaselineMeanAbsoluteError = fit.Holdout?.Baseline.MeanAbsoluteError,
        HoldoutPredictedPurchases = fit.Holdout?.TotalPredicted,
        HoldoutActualPurchases = fit.Holdout?.TotalActual,
        FittedAtUtc = fittedAt,
    };

    private static RunModelCheckPoint Row(ModelCheckPoint point) => new()
    {
        Kind = point.Kind,
        Position = point.Position,
        PeriodEnd = point.PeriodEnd,
        InHoldout = point.InHoldout,
        Customers = point.Customers,
        Actual = point.Actual,
        Predicted = point.Predicted,
        CumulativeActual = point.CumulativeActual,
        CumulativePredicted = point.CumulativePredicted,
    };
}
