using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv;

/// <summary>
/// Per-customer predictions of a fitted purchase-count model: P(alive), expected purchases over a horizon and
/// the discounted CLV. Customers with identical (x, t_x, T) share every model quantity, so each distinct history
/// is evaluated once, on all cores; a million customers usually have a few hundred thousand distinct histories.
/// </summary>
public sealed class CustomerForecast
{
    private CustomerForecast(double[] probabilityAlive, double[] expectedPurchases, double[] clv)
    {
        ProbabilityAlive = probabilityAlive;
        ExpectedPurchases = expectedPurchases;
        Clv = clv;
    }

    /// <summary>P(alive | x, t_x, T) per customer.</summary>
    public IReadOnlyList<double> ProbabilityAlive { get; }

    /// <summary>Expected purchases in (T, T + horizon] per customer.</summary>
    public IReadOnlyList<double> ExpectedPurchases { get; }

    /// <summary>Discounted CLV over the valuation horizon per customer, in currency (see <see cref="CustomerValuation"/>).</summary>
    public IReadOnlyList<double> Clv { get; }

    /// <summary>Predicts every customer.</summary>
    /// <param name="model">A fitted purchase-count model in <paramref name="valuation"/>'s time unit.</param>
    /// <param name="histories">Each customer's (x, t_x, T).</param>
    /// <param name="expectedAverageValues">Each customer's expected value per future purchase (e.g. Gamma-Gamma's), ≥ 0.</param>
    /// <param name="horizon">The horizon of <see cref="ExpectedPurchases"/>, in the model's time unit, ≥ 0.</param>
    /// <param name="valuation">CLV horizon in months, discount rate and margin.</param>
    /// <exception cref="ArgumentException">Lengths differ, a history or value is invalid, or the horizon is negative.</exception>
    public static CustomerForecast Compute(
        IPurchaseCountModel model,
        ReadOnlySpan<PurchaseHistory> histories,
        ReadOnlySpan<double> expectedAverageValues,
        double horizon,
        ValuationOptions valuation)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(valuation);
        if (!(horizon >= 0) || !double.IsFinite(horizon))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The forecast horizon must be a finite number of time units, 0 or more.");
        }

        if (expectedAverageValues.Length != histories.Length)
        {
            throw new ArgumentException($"There are {histories.Length} histories but {expectedAverageValues.Length} expected average values.", nameof(expectedAverageValues));
        }

        var distinctIndex = new int[histories.Length];
        var positions = new Dictionary<PurchaseHistory, int>();
        var distinct = new List<PurchaseHistory>();
        for (var i = 0; i < histories.Length; i++)
        {
            var history = histories[i];
            if (!positions.TryGetValue(history, out var position))
            {
                try
                {
                    history.Validate();
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"Customer row {i + 1}: {e.Message}", nameof(histories), e);
                }

                position = distinct.Count;
                positions.Add(history, position);
                distinct.Add(history);
            }

            distinctIndex[i] = position;
            var value = expectedAverageValues[i];
            if (!(value >= 0) || !double.IsFinite(value))
            {
                throw new ArgumentException($"Customer row {i + 1}: the expected average value must be finite and ≥ 0, was {value}.", nameof(expectedAverageValues));
            }
        }

        var alive = new double[distinct.Count];
        var purchases = new double[distinct.Count];
        var discounted = new double[distinct.Count];
        Parallel.For(0, distinct.Count, new ParallelOptions(), d =>
        {
            var history = distinct[d];
            alive[d] = model.ProbabilityAlive(history);
            purchases[d] = model.ExpectedPurchases(history, horizon);
            discounted[d] = CustomerValuation.DiscountedExpectedPurchases(model, history, valuation);
        });

        var probabilityAlive = new double[histories.Length];
        var expectedPurchases = new double[histories.Length];
        var clv = new double[histories.Length];
        for (var i = 0; i < histories.Length; i++)
        {
            var d = distinctIndex[i];
            probabilityAlive[i] = alive[d];
            expectedPurchases[i] = purchases[d];
            clv[i] = expectedAverageValues[i] * valuation.Margin * discounted[d];
        }

        return new CustomerForecast(probabilityAlive, expectedPurchases, clv);
    }
}
