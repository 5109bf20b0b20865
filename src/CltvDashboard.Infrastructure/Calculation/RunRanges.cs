using System.Text.Json;
using System.Text.Json.Serialization;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// The ranges of a group of customers' totals over the run's horizon as a run stores them (on its KPI summary for all
/// customers, on each segment summary for the segment's): the figure the run reports, its 80 % and 95 % bounds.
/// </summary>
/// <param name="Customers">Customers in the group.</param>
/// <param name="Purchases">Their purchases over the horizon.</param>
/// <param name="Revenue">The value of those purchases, undiscounted; null without spend figures.</param>
/// <param name="Clv">Their total CLV; null without spend figures.</param>
/// <param name="ActiveCustomers">How many of them are still customers at the end of the data; most likely Σ P(alive).</param>
public sealed record TotalRangeFigures(int Customers, ForecastRange Purchases, ForecastRange? Revenue, ForecastRange? Clv, ForecastRange ActiveCustomers)
{
    /// <summary>The figures of the Domain's ranges.</summary>
    public static TotalRangeFigures From(TotalRanges ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return new TotalRangeFigures(ranges.Customers, ranges.Purchases, ranges.Revenue, ranges.Clv, ranges.ActiveCustomers);
    }

    /// <summary>The ranges a segment summary stored; null for a run that computed none.</summary>
    public static TotalRangeFigures? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TotalRangeFigures>(json, RunRanges.Json);

    /// <summary>The JSON stored on a segment summary.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunRanges.Json);
}

/// <summary>
/// A run's ranges as it stores them on its KPI summary: the total's, what they rest on, the holdout's 95 % range next
/// to what happened, and how much more data would narrow them. Read back typed; null for a run that computed none.
/// </summary>
/// <param name="Model">The count model the ranges are of.</param>
/// <param name="IncludesParameterUncertainty">Whether the count model's parameter uncertainty is in them (false when its fit had no covariance).</param>
/// <param name="IncludesSpendUncertainty">Whether Gamma-Gamma's is in the revenue and CLV ranges.</param>
/// <param name="Total">All customers' totals over the horizon.</param>
/// <param name="Holdout">The chosen model's calibration fit's range of the holdout's purchases and what happened; null without a holdout.</param>
/// <param name="Narrowing">How many more repeat customers or months would narrow the total's 80 % range of purchases to ± 10 %.</param>
public sealed record RunRanges(
    string Model,
    bool IncludesParameterUncertainty,
    bool IncludesSpendUncertainty,
    TotalRangeFigures Total,
    HoldoutRange? Holdout,
    NarrowingAdvice Narrowing)
{
    // A range of a figure of 0 has an infinite relative width (NarrowingAdvice.Current), which plain JSON cannot hold.
    internal static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>What a run stores of the analysis's ranges.</summary>
    public static RunRanges From(AnalysisRanges ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return new RunRanges(
            ranges.Model,
            ranges.IncludesParameterUncertainty,
            ranges.IncludesSpendUncertainty,
            TotalRangeFigures.From(ranges.Total),
            ranges.Holdout,
            ranges.Narrowing);
    }

    /// <summary>The ranges a KPI summary stored; null for a run that computed none.</summary>
    public static RunRanges? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<RunRanges>(json, Json);

    /// <summary>The JSON stored on the KPI summary.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>
/// Each customer's 80 % ranges as a run writes them, in the order of <see cref="CustomerRows.Ids"/>: whole purchases over
/// the horizon, and the CLV at those counts (null without spend figures).
/// </summary>
internal sealed record CustomerRangeColumns(int[] PurchasesLow80, int[] PurchasesHigh80, double[]? ClvLow80, double[]? ClvHigh80)
{
    /// <summary>The columns reordered: row i takes the customer at <paramref name="order"/>[i].</summary>
    public static CustomerRangeColumns From(CustomerRanges ranges, int[] order)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        static T[] Pick<T>(T[] values, int[] order)
        {
            var picked = new T[order.Length];
            for (var i = 0; i < order.Length; i++)
            {
                picked[i] = values[order[i]];
            }

            return picked;
        }

        return new CustomerRangeColumns(
            Pick(ranges.PurchasesLow80, order),
            Pick(ranges.PurchasesHigh80, order),
            ranges.ClvLow80 is { } low ? Pick(low, order) : null,
            ranges.ClvHigh80 is { } high ? Pick(high, order) : null);
    }

    /// <summary>A CLV bound as money, or null when the draws gave none a column can hold.</summary>
    public static decimal? Money(double[]? column, int i) =>
        column is not null && double.IsFinite(column[i]) && Math.Abs(column[i]) < 1e13 ? Math.Round((decimal)column[i], 2) : null;
}
