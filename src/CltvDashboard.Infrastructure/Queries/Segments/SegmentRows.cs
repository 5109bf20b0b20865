using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Queries;

/// <summary>A segmentation's stored rows of a run as the pages show them: the segments, overview and cohorts pages all list some.</summary>
internal static class SegmentRows
{
    /// <summary>A segmentation's rows in a run, largest segment first (cohorts in time order).</summary>
    public static async Task<IReadOnlyList<SegmentRow>> ReadAsync(CltvDbContext context, long runId, string segmentation, CancellationToken cancellationToken)
    {
        var rows = await context.SegmentSummaries.AsNoTracking()
            .Where(s => s.CalculationRunId == runId && s.Segmentation == segmentation)
            .ToListAsync(cancellationToken);
        var totalClv = rows.Sum(r => r.TotalPredictedClv ?? 0);
        var totalRevenue = rows.Sum(r => r.TotalRevenue);
        var byValue = rows.Any(r => r.TotalPredictedClv is not null) && totalClv > 0;
        var result = rows.Select(r => new SegmentRow(
                r.Segment,
                r.CustomerCount,
                r.Share,
                byValue
                    ? (double)((r.TotalPredictedClv ?? 0) / totalClv)
                    : totalRevenue == 0 ? 0 : (double)(r.TotalRevenue / totalRevenue),
                r.TotalRevenue,
                r.AverageOrderValue,
                r.RepeatRate,
                r.AverageProbabilityAlive,
                r.TotalExpectedPurchases,
                r.TotalPredictedClv,
                r.AveragePredictedClv,
                r.ClvToCac,
                r.PreviousCustomerCount,
                r.CustomersMovedIn,
                r.CustomersMovedOut,
                r.RuleOfThumbClv)
            {
                Ranges = TotalRangeFigures.FromJson(r.RangesJson),
            });
        return segmentation == Segmentations.AcquisitionCohort
            ? result.OrderBy(r => r.Segment, StringComparer.Ordinal).ToList()
            : result.OrderByDescending(r => r.Customers).ThenBy(r => r.Segment, StringComparer.Ordinal).ToList();
    }
}
