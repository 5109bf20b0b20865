using CltvDashboard.Domain.Analysis;

namespace CltvDashboard.Domain.Clv.Valuation;

/// <summary>
/// Adds up a group of customers (the whole base or one segment) for <see cref="RuleOfThumbClv"/>: the averages are
/// those of <see cref="RuleOfThumbClv.Averages"/>, the period ending on the observation end, so that a segment's
/// figure is the rule applied to its own customers with the base's lifespan.
/// </summary>
internal sealed class RuleOfThumbTally
{
    private const double DaysPerYear = 365.25;

    private int _customers;
    private long _occasions;
    private decimal _revenue;
    private double _longestTenureDays = -1;
    private decimal _acquisitionCost;

    public void Add(in CustomerResult customer, decimal acquisitionCost)
    {
        _customers++;
        _occasions += customer.Frequency + 1;
        _revenue += customer.TotalRevenue;
        _longestTenureDays = Math.Max(_longestTenureDays, customer.TenureDays);
        _acquisitionCost += acquisitionCost;
    }

    /// <summary>The figures of the customers added; null without customers.</summary>
    /// <param name="retention">The base's observed yearly retention, which gives every group its lifespan.</param>
    public RuleOfThumbFigures? Figures(ObservedRetention retention)
    {
        if (_customers == 0)
        {
            return null;
        }

        // The observed years run from the earliest first purchase to the observation end inclusive, as in Averages.
        var years = (_longestTenureDays + 1) / DaysPerYear;
        var averageValue = _revenue / _occasions;
        var perYear = _occasions / (double)_customers / years;
        var cost = _acquisitionCost / _customers;
        var lifespan = RuleOfThumbClv.LifespanFromRetention(retention);
        decimal? clv = lifespan is { } l
            ? Money(RuleOfThumbClv.Compute((double)averageValue, perYear, l, (double)cost))
            : null;
        return new RuleOfThumbFigures(Math.Round(averageValue, 4, MidpointRounding.AwayFromZero), perYear, retention.Rate, lifespan, Math.Round(cost, 4, MidpointRounding.AwayFromZero), clv);
    }

    private static decimal Money(double value) => Math.Round((decimal)Math.Clamp(value, -1e13, 1e13), 4, MidpointRounding.AwayFromZero);
}
