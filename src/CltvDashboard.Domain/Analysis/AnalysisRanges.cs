using CltvDashboard.Domain.Uncertainty;

namespace CltvDashboard.Domain.Analysis;

/// <summary>
/// The ranges of an analysis's forecasts (<see cref="ForecastRanges"/>), computed when <see cref="AnalysisSettings.Ranges"/>
/// asks for them: what the parameters' uncertainty and the purchase process leave open, not what a wrong model would.
/// </summary>
/// <param name="Model">The short name of the count model ranged.</param>
/// <param name="IncludesParameterUncertainty">Whether the count model's parameter uncertainty is in the ranges (false when its fit has no covariance).</param>
/// <param name="IncludesSpendUncertainty">Whether Gamma-Gamma's is in the revenue and CLV ranges (false when it fell back to the historical average).</param>
/// <param name="Holdout">The chosen model's calibration fit's range of the holdout's total purchases next to what happened; null without a holdout.</param>
/// <param name="Total">All customers' totals over the valuation horizon.</param>
/// <param name="Segments">Each segment's totals over the horizon, for every segmentation.</param>
/// <param name="Customers">Each customer's ranges, index i being <see cref="AnalysisResult.Customers"/>[i].</param>
/// <param name="Narrowing">How much more data would narrow the total's 80 % range of purchases to ± <see cref="AnalysisRanges.TargetWidth"/>.</param>
public sealed record AnalysisRanges(
    string Model,
    bool IncludesParameterUncertainty,
    bool IncludesSpendUncertainty,
    HoldoutRange? Holdout,
    TotalRanges Total,
    IReadOnlyList<SegmentRanges> Segments,
    CustomerRanges Customers,
    NarrowingAdvice Narrowing)
{
    /// <summary>The relative half-width of the total's 80 % range the data-quality advice aims at: ± 10 %.</summary>
    public const double TargetWidth = 0.1;
}

/// <summary>The range a calibration fit gave the holdout's total purchases, and what happened.</summary>
/// <param name="Purchases">The range of the total purchases in the holdout period.</param>
/// <param name="Actual">The purchases that were made in it.</param>
public sealed record HoldoutRange(ForecastRange Purchases, int Actual)
{
    /// <summary>Whether what happened lies within the 95 % range: when not, the model missed by more than chance explains.</summary>
    public bool ActualWithin95 => Purchases.Within95(Actual);
}

/// <summary>One segment's ranges.</summary>
/// <param name="Segmentation">The segmentation's key.</param>
/// <param name="Segment">The segment's name, as <see cref="Segmentation.SegmentTotal.Segment"/> has it.</param>
/// <param name="Ranges">Its totals' ranges.</param>
public sealed record SegmentRanges(string Segmentation, string Segment, TotalRanges Ranges);
