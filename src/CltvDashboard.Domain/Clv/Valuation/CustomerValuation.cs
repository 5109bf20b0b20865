using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.Valuation;

/// <summary>
/// Model-based customer lifetime value: a purchase-count model's expected purchases month by month, times the
/// spend model's expected value per purchase, times the margin, discounted monthly (Fader, Hardie &amp; Lee 2005,
/// "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4), in discrete monthly form).
/// </summary>
/// <remarks>
/// <para>
/// CLV = Σ_{i=1..H} (E[Y(i·M)] − E[Y((i − 1)·M)]) × value × m / (1 + d)^i, where E[Y(t)] is
/// <see cref="IPurchaseCountModel.ExpectedPurchases"/> for the customer's history and M is one month in the
/// model's time unit. Because value and m do not depend on the month, CLV = value × m × D(history), where the
/// discounted expected purchase count D depends only on (x, t_x, T): the bulk methods compute D once per distinct
/// history, in parallel.
/// </para>
/// <para>
/// The model is called from several threads at once by the bulk methods, so it must be safe for concurrent reads
/// (an immutable parameter set, as every model of this project is).
/// </para>
/// </remarks>
public static class CustomerValuation
{
    /// <summary>
    /// D = Σ_{i=1..H} (E[Y(i·M)] − E[Y((i − 1)·M)]) / (1 + d)^i: the customer's expected purchases over the
    /// horizon, each month's discounted to today.
    /// </summary>
    /// <param name="model">The fitted purchase-count model, in <paramref name="options"/>' time unit.</param>
    /// <param name="history">The customer's (x, t_x, T) in the same unit.</param>
    /// <param name="options">Horizon, discount rate and time unit (the margin is not used).</param>
    /// <exception cref="ArgumentException">The history is invalid (negative, non-finite, or t_x &gt; T).</exception>
    public static double DiscountedExpectedPurchases(IPurchaseCountModel model, PurchaseHistory history, ValuationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        history.Validate();
        return Forecast(model, history, options.MonthLength, options.DiscountFactors()).Discounted;
    }

    /// <summary>E[Y(H·M)]: the customer's expected purchases over the horizon, undiscounted, for reporting.</summary>
    /// <param name="model">The fitted purchase-count model, in <paramref name="options"/>' time unit.</param>
    /// <param name="history">The customer's (x, t_x, T) in the same unit.</param>
    /// <param name="options">Horizon and time unit (discount rate and margin are not used).</param>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public static double ExpectedPurchases(IPurchaseCountModel model, PurchaseHistory history, ValuationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        history.Validate();
        return model.ExpectedPurchases(history, options.Horizon);
    }

    /// <summary>The customer's discounted margin over the horizon: value × m × <see cref="DiscountedExpectedPurchases"/>.</summary>
    /// <param name="model">The fitted purchase-count model, in <paramref name="options"/>' time unit.</param>
    /// <param name="history">The customer's (x, t_x, T) in the same unit.</param>
    /// <param name="expectedAverageValue">
    /// The expected value of each future purchase in currency, finite and ≥ 0: usually
    /// <see cref="GammaGamma.GammaGammaParameters.ConditionalExpectedAverageValue"/>.
    /// </param>
    /// <param name="options">Horizon, discount rate, margin and time unit.</param>
    /// <exception cref="ArgumentException">The history or the value is invalid.</exception>
    public static double Clv(IPurchaseCountModel model, PurchaseHistory history, double expectedAverageValue, ValuationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        history.Validate();
        RequireValue(expectedAverageValue, null, nameof(expectedAverageValue));
        return expectedAverageValue * options.Margin * Forecast(model, history, options.MonthLength, options.DiscountFactors()).Discounted;
    }

    /// <summary>
    /// <see cref="Clv(IPurchaseCountModel, PurchaseHistory, double, ValuationOptions)"/> for many customers at once:
    /// writes customer i's CLV into <paramref name="clv"/>[i].
    /// </summary>
    /// <param name="model">The fitted purchase-count model; called concurrently.</param>
    /// <param name="histories">Each customer's (x, t_x, T) in the model's time unit.</param>
    /// <param name="expectedAverageValues">Each customer's expected value per purchase, finite and ≥ 0.</param>
    /// <param name="options">Horizon, discount rate, margin and time unit.</param>
    /// <param name="clv">Receives the CLVs; the same length as <paramref name="histories"/>.</param>
    /// <exception cref="ArgumentException">Lengths differ, or a row is invalid (its number is given).</exception>
    public static void Clv(
        IPurchaseCountModel model,
        ReadOnlySpan<PurchaseHistory> histories,
        ReadOnlySpan<double> expectedAverageValues,
        ValuationOptions options,
        Span<double> clv) =>
        Clv(model, histories, expectedAverageValues, options, clv, expectedPurchases: [], withPurchases: false);

    /// <summary>
    /// As <see cref="Clv(IPurchaseCountModel, ReadOnlySpan{PurchaseHistory}, ReadOnlySpan{double}, ValuationOptions, Span{double})"/>,
    /// and also writes each customer's undiscounted expected purchases over the horizon, E[Y(H·M)], for reporting.
    /// </summary>
    /// <param name="model">The fitted purchase-count model; called concurrently.</param>
    /// <param name="histories">Each customer's (x, t_x, T) in the model's time unit.</param>
    /// <param name="expectedAverageValues">Each customer's expected value per purchase, finite and ≥ 0.</param>
    /// <param name="options">Horizon, discount rate, margin and time unit.</param>
    /// <param name="clv">Receives the CLVs; the same length as <paramref name="histories"/>.</param>
    /// <param name="expectedPurchases">Receives E[Y(H·M)]; the same length as <paramref name="histories"/>.</param>
    /// <exception cref="ArgumentException">Lengths differ, or a row is invalid (its number is given).</exception>
    public static void Clv(
        IPurchaseCountModel model,
        ReadOnlySpan<PurchaseHistory> histories,
        ReadOnlySpan<double> expectedAverageValues,
        ValuationOptions options,
        Span<double> clv,
        Span<double> expectedPurchases) =>
        Clv(model, histories, expectedAverageValues, options, clv, expectedPurchases, withPurchases: true);

    private static void Clv(
        IPurchaseCountModel model,
        ReadOnlySpan<PurchaseHistory> histories,
        ReadOnlySpan<double> expectedAverageValues,
        ValuationOptions options,
        Span<double> clv,
        Span<double> expectedPurchases,
        bool withPurchases)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        RequireLength(expectedAverageValues.Length, histories.Length, nameof(expectedAverageValues));
        RequireLength(clv.Length, histories.Length, nameof(clv));
        if (withPurchases)
        {
            RequireLength(expectedPurchases.Length, histories.Length, nameof(expectedPurchases));
        }

        var forecast = CustomerForecast.Compute(model, histories, expectedAverageValues, options.Horizon, options);
        for (var i = 0; i < histories.Length; i++)
        {
            clv[i] = forecast.Clv[i];
            if (withPurchases)
            {
                expectedPurchases[i] = forecast.ExpectedPurchases[i];
            }
        }
    }

    private static (double Discounted, double Purchases) Forecast(
        IPurchaseCountModel model, PurchaseHistory history, double monthLength, double[] discountFactors)
    {
        var alive = model.ProbabilityAlive(history);
        var (discounted, purchases) = ForecastIfAlive(model, history.Frequency, history.T, monthLength, discountFactors);
        return (alive * discounted, alive * purchases);
    }

    /// <summary>
    /// One pass over the months for a customer known to be active at T: E[Y(i·M) | active] for i = 1..H, each
    /// month's increment discounted; E[Y(0)] = 0. Multiplied by P(alive) it is the customer's forecast.
    /// </summary>
    internal static (double Discounted, double Purchases) ForecastIfAlive(
        IPurchaseCountModel model, int frequency, double age, double monthLength, double[] discountFactors)
    {
        var previous = 0.0;
        var discounted = 0.0;
        for (var i = 0; i < discountFactors.Length; i++)
        {
            var cumulative = model.ExpectedPurchasesIfAlive(frequency, age, (i + 1) * monthLength);
            discounted += (cumulative - previous) * discountFactors[i];
            previous = cumulative;
        }

        return (discounted, previous);
    }

    private static void RequireLength(int length, int expected, string name)
    {
        if (length != expected)
        {
            throw new ArgumentException($"{name} has {length} entries but there are {expected} customers.", name);
        }
    }

    internal static void RequireValue(double value, int? row, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            var subject = row is { } i ? $"Customer row {i + 1}: the expected value per purchase" : "The expected value per purchase";
            throw new ArgumentException($"{subject} must be finite and 0 or more, was {value}.", name);
        }
    }
}
