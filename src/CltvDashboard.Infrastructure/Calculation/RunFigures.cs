using CltvDashboard.Domain.Analysis;
using CltvDashboard.Infrastructure.Data.Entities;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// The figures the dashboards open on, computed once from a run's customer results with the run's own settings and
/// written with them: the headline KPIs (the owners' rule of thumb beside them), the predicted-CLV distribution and
/// the RFM grid. No I/O.
/// </summary>
internal sealed record RunFigures(RunKpiSummary Kpis, IReadOnlyList<RunClvBucket> ClvDistribution, IReadOnlyList<RunRfmGridCell> RfmGrid)
{
    /// <summary>The run's figures; the rows' run id is set when they are written.</summary>
    /// <param name="customers">The run's customer results.</param>
    /// <param name="segments">The run's segment summaries (the channel rows carry the acquisition costs).</param>
    /// <param name="ruleOfThumb">The analysis's rule of thumb for the whole base.</param>
    /// <param name="settings">The settings the run is computed with.</param>
    /// <param name="revenueLeftOut">
    /// The net revenue of customers without a purchase occasion (no row of theirs): the historical revenue is the
    /// business's, so their cancellations and refunds are deducted from it too.
    /// </param>
    /// <param name="ranges">The run's ranges, stored with the KPIs so that pages read them as they are; null when it computed none.</param>
    public static RunFigures Compute(
        IReadOnlyList<CustomerResult> customers,
        IReadOnlyList<RunSegmentSummary> segments,
        RuleOfThumbFigures ruleOfThumb,
        RunSettings settings,
        decimal revenueLeftOut = 0,
        RunRanges? ranges = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(ruleOfThumb);
        ArgumentNullException.ThrowIfNull(settings);
        var clv = customers.Where(c => c.PredictedClv is not null).Select(c => c.PredictedClv!.Value).ToArray();
        Array.Sort(clv);
        var kpis = HeadlineFigures(customers, clv, segments, settings.ActiveProbabilityThreshold);
        kpis.HistoricalRevenue = Money(kpis.HistoricalRevenue + revenueLeftOut);
        kpis.RuleOfThumbClv = ruleOfThumb.Clv is { } owners ? Money(owners) : null;
        kpis.RuleOfThumbPurchasesPerYear = ruleOfThumb.PurchasesPerYear;
        kpis.YearlyRetention = ruleOfThumb.YearlyRetention;
        kpis.RuleOfThumbLifespanYears = ruleOfThumb.LifespanYears;
        kpis.RuleOfThumbAcquisitionCost = Money(ruleOfThumb.AcquisitionCost);
        kpis.RangesJson = ranges?.ToJson();
        return new RunFigures(kpis, Distribution(clv), Grid(customers));
    }

    private static RunKpiSummary HeadlineFigures(IReadOnlyList<CustomerResult> customers, decimal[] sortedClv, IReadOnlyList<RunSegmentSummary> segments, double activeThreshold)
    {
        var count = customers.Count;
        long occasions = 0;
        int active = 0, repeaters = 0, alive = 0;
        decimal revenue = 0;
        double predicted = 0, aliveTotal = 0;
        var anyPrediction = false;
        foreach (var c in customers)
        {
            occasions += c.Frequency + 1;
            revenue += c.TotalRevenue;
            repeaters += c.Frequency > 0 ? 1 : 0;
            if (c.ProbabilityAlive is { } p)
            {
                active += p >= activeThreshold ? 1 : 0;
                aliveTotal += p;
                alive++;
            }

            if (c.ExpectedPurchases is { } purchases && c.ExpectedAverageValue is { } value)
            {
                predicted += purchases * (double)value;
                anyPrediction = true;
            }
        }

        var modelled = sortedClv.Length;
        var totalClv = modelled > 0 ? Money(sortedClv.Sum()) : (decimal?)null;
        return new RunKpiSummary
        {
            Customers = count,
            ActiveCustomers = active,
            ActiveProbabilityThreshold = activeThreshold,
            RepeatRate = count == 0 ? 0 : (double)repeaters / count,
            AverageOrderValue = occasions == 0 ? 0 : Money(revenue / occasions),
            PurchaseFrequency = count == 0 ? 0 : (double)occasions / count,
            HistoricalRevenue = Money(revenue),
            PredictedRevenue = anyPrediction ? Money((decimal)predicted) : null,
            TotalClv = totalClv,
            MeanClv = totalClv / modelled is { } mean ? Math.Round(mean, 4) : null,
            // The lower middle value for an even count.
            MedianClv = modelled > 0 ? sortedClv[(modelled - 1) / 2] : null,
            MeanProbabilityAlive = alive > 0 ? aliveTotal / alive : null,
            ClvToCac = ClvToCac(segments),
        };
    }

    // Mean CLV over the customer-weighted cost of the channels with a known cost: the total CLV of those channels
    // over what acquiring their customers cost.
    private static double? ClvToCac(IReadOnlyList<RunSegmentSummary> segments)
    {
        var costed = segments.Where(s => s.Segmentation == Segmentations.AcquisitionChannel && s.AcquisitionCostPerCustomer > 0).ToList();
        if (costed.Sum(c => c.CustomerCount) == 0 || costed.Any(c => c.TotalPredictedClv is null))
        {
            return null;
        }

        return (double)costed.Sum(c => c.TotalPredictedClv!.Value) / costed.Sum(c => (double)c.AcquisitionCostPerCustomer!.Value * c.CustomerCount);
    }

    // The bars as the Domain draws them (quantile edges in round amounts), stored to be read back as they are.
    private static List<RunClvBucket> Distribution(decimal[] sortedClv) =>
        ValueHistogram.Bars(sortedClv)
            .Select((bar, i) => new RunClvBucket
            {
                Position = i,
                From = bar.From,
                To = bar.To,
                Customers = bar.Customers,
                TotalClv = Money(bar.Total),
            })
            .ToList();

    // FM as RfmAnalysis.CombineFrequencyMonetary computes it: the mean of F and M rounded half up, in integer
    // arithmetic. One pass with a tally per cell: the grid has at most 25 cells, the run up to millions of customers.
    private static List<RunRfmGridCell> Grid(IReadOnlyList<CustomerResult> customers)
    {
        var cells = new Dictionary<(int Recency, int FrequencyMonetary), GridTally>();
        foreach (var c in customers)
        {
            var key = (c.RecencyScore, (c.FrequencyScore + c.MonetaryScore + 1) / 2);
            if (!cells.TryGetValue(key, out var tally))
            {
                cells[key] = tally = new GridTally();
            }

            tally.Customers++;
            tally.Segments[c.Segment] = tally.Segments.GetValueOrDefault(c.Segment) + 1;
            if (c.PredictedClv is { } clv)
            {
                tally.Modelled++;
                tally.Clv += clv;
            }
        }

        return cells
            .Select(cell => new RunRfmGridCell
            {
                RecencyScore = cell.Key.Recency,
                FrequencyMonetaryScore = cell.Key.FrequencyMonetary,
                Customers = cell.Value.Customers,
                MeanClv = cell.Value.Modelled > 0 ? Money(cell.Value.Clv / cell.Value.Modelled) : null,
                Segment = cell.Value.Segments
                    .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
                    .First().Key,
            })
            .OrderByDescending(c => c.RecencyScore)
            .ThenByDescending(c => c.FrequencyMonetaryScore)
            .ToList();
    }

    private sealed class GridTally
    {
        public int Customers { get; set; }

        public int Modelled { get; set; }

        public decimal Clv { get; set; }

        public Dictionary<string, int> Segments { get; } = new(StringComparer.Ordinal);
    }

    private static decimal Money(decimal value) => Math.Round(value, 2);
}
