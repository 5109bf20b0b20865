using System.Text.Json.Serialization.Metadata;
using CltvDashboard.Domain.Uncertainty;
using CltvDashboard.Infrastructure.Calculation;

namespace CltvDashboard.Web.Endpoints;

/// <summary>
/// How the JSON API writes numbers, the one rule for every response: money (every <see cref="decimal"/> of the
/// results is an amount in the run's currency) rounded to cents, and probabilities, shares, rates and expected counts
/// (every <see cref="double"/>) to 4 decimals — what a CRM or e-mail tool can use, rather than the 28 digits a
/// decimal division leaves (<c>1960.4821960784313725490196078</c>). Rounded as the value is written, so the OpenAPI
/// schema keeps the property's type. A range (<see cref="ForecastRange"/>) is written as its figure and its four bounds,
/// those of money (a total's revenue and CLV) to cents.
/// </summary>
public static class ApiNumbers
{
    /// <summary>Decimal places of money.</summary>
    public const int MoneyDecimals = 2;

    /// <summary>Decimal places of probabilities and other ratios.</summary>
    public const int RatioDecimals = 4;

    /// <summary>A type-info modifier rounding the decimal and double properties of every type written.</summary>
    /// <param name="typeInfo">The type's serialization contract.</param>
    public static void Round(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (typeInfo.Type == typeof(ForecastRange))
        {
            // Only the figure and its bounds: the derived relative width is infinite for a figure of 0, which JSON cannot hold.
            var derived = typeInfo.Properties.Where(p => !RangeFigures.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            foreach (var property in derived)
            {
                typeInfo.Properties.Remove(property);
            }
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is not { } get)
            {
                continue;
            }

            var type = property.PropertyType;
            if (type == typeof(decimal))
            {
                property.Get = o => Math.Round((decimal)get(o)!, MoneyDecimals, MidpointRounding.AwayFromZero);
            }
            else if (type == typeof(decimal?))
            {
                property.Get = o => get(o) is decimal value ? Math.Round(value, MoneyDecimals, MidpointRounding.AwayFromZero) : null;
            }
            else if (type == typeof(double))
            {
                property.Get = o => RoundRatio((double)get(o)!);
            }
            else if (type == typeof(double?))
            {
                property.Get = o => get(o) is double value ? RoundRatio(value) : null;
            }
            else if (type == typeof(ForecastRange?) && typeInfo.Type == typeof(TotalRangeFigures)
                && (property.Name.Equals(nameof(TotalRangeFigures.Revenue), StringComparison.OrdinalIgnoreCase) || property.Name.Equals(nameof(TotalRangeFigures.Clv), StringComparison.OrdinalIgnoreCase)))
            {
                property.Get = o => get(o) is ForecastRange money ? RoundMoney(money) : null;
            }
        }
    }

    private static readonly string[] RangeFigures =
        [nameof(ForecastRange.MostLikely), nameof(ForecastRange.Low80), nameof(ForecastRange.High80), nameof(ForecastRange.Low95), nameof(ForecastRange.High95)];

    private static ForecastRange RoundMoney(ForecastRange range) => new(
        RoundMoney(range.MostLikely), RoundMoney(range.Low80), RoundMoney(range.High80), RoundMoney(range.Low95), RoundMoney(range.High95));

    private static double RoundMoney(double value) => double.IsFinite(value) ? Math.Round(value, MoneyDecimals, MidpointRounding.AwayFromZero) : value;

    // NaN and infinities are left as they are: the serializer's own rules say how they are written.
    private static double RoundRatio(double value) => double.IsFinite(value) ? Math.Round(value, RatioDecimals, MidpointRounding.AwayFromZero) : value;
}
