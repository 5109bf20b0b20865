using System.Runtime.InteropServices;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv;

/// <summary>
/// Per-customer predictions of a fitted purchase-count model: P(alive), expected purchases over a horizon, the
/// discounted CLV and, when asked, the chance of buying again within a window and the time to an even chance of it. Every forecast factors into P(alive | x, t_x, T) × a part that depends on (x, T) alone
/// (<see cref="IPurchaseCountModel.ExpectedPurchasesIfAlive"/>): a million customers share only thousands of
/// distinct (x, T), so the costly part runs thousands of times, on all cores.
/// </summary>
public sealed class CustomerForecast
{
    private CustomerForecast(double[] probabilityAlive, double[] expectedPurchases, double[] clv, double[]? probabilityOfPurchase, double[]? timeToEvenChance)
    {
        ProbabilityAlive = probabilityAlive;
        ExpectedPurchases = expectedPurchases;
        Clv = clv;
        ProbabilityOfPurchase = probabilityOfPurchase;
        TimeToEvenChance = timeToEvenChance;
    }

    /// <summary>P(alive | x, t_x, T) per customer.</summary>
    public IReadOnlyList<double> ProbabilityAlive { get; }

    /// <summary>Expected purchases in (T, T + horizon] per customer.</summary>
    public IReadOnlyList<double> ExpectedPurchases { get; }

    /// <summary>Discounted CLV over the valuation horizon per customer, in currency (see <see cref="CustomerValuation"/>).</summary>
    public IReadOnlyList<double> Clv { get; }

    /// <summary>
    /// The chance of buying again per customer, P(X(T, T + window] ≥ 1 | x, t_x, T); null when no window was asked for.
    /// </summary>
    public IReadOnlyList<double>? ProbabilityOfPurchase { get; }

    /// <summary>
    /// Per customer, the time after T, in the model's unit, by which the chance of buying again reaches ½
    /// (<see cref="NextPurchase"/>); +∞ when it never does. Null when no window was asked for.
    /// </summary>
    public IReadOnlyList<double>? TimeToEvenChance { get; }

    /// <summary>Predicts every customer.</summary>
    /// <param name="model">A fitted purchase-count model in <paramref name="valuation"/>'s time unit.</param>
    /// <param name="histories">Each customer's (x, t_x, T).</param>
    /// <param name="expectedAverageValues">Each customer's expected value per future purchase (e.g. Gamma-Gamma's), ≥ 0.</param>
    /// <param name="horizon">The horizon of <see cref="ExpectedPurchases"/>, in the model's time unit, ≥ 0.</param>
    /// <param name="valuation">CLV horizon in months, discount rate and margin.</param>
    /// <param name="purchaseWindow">
    /// The window of <see cref="ProbabilityOfPurchase"/>, in the model's time unit, &gt; 0; null to leave it and
    /// <see cref="TimeToEvenChance"/> out.
    /// </param>
    /// <exception cref="ArgumentException">Lengths differ, a history or value is invalid, or the horizon or window is negative.</exception>
    public static CustomerForecast Compute(
        IPurchaseCountModel model,
        ReadOnlySpan<PurchaseHistory> histories,
        ReadOnlySpan<double> expectedAverageValues,
        double horizon,
        ValuationOptions valuation,
        double? purchaseWindow = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(valuation);
        if (!(horizon >= 0) || !double.IsFinite(horizon))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The forecast horizon must be a finite number of time units, 0 or more.");
        }

        if (purchaseWindow is { } window && !(window > 0 && double.IsFinite(window)))
        {
            throw new ArgumentOutOfRangeException(nameof(purchaseWindow), window, "The window of the chance of buying again must be a finite number of time units above 0.");
        }

        if (expectedAverageValues.Length != histories.Length)
        {
            throw new ArgumentException($"There are {histories.Length} histories but {expectedAverageValues.Length} expected average values.", nameof(expectedAverageValues));
        }

        // P(alive) is cheap and depends on the whole history: it is taken per customer. Everything else depends on
        // (x, T) alone, which few customers differ in, and is taken once per distinct pair.
        var ageIndex = new int[histories.Length];
        var distinctAges = new Dictionary<(int Frequency, double Age), int>();
        for (var i = 0; i < histories.Length; i++)
        {
            var history = histories[i];
            try
            {
                history.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Customer row {i + 1}: {e.Message}", nameof(histories), e);
            }

            ref var agePosition = ref CollectionsMarshal.GetValueRefOrAddDefault(distinctAges, (history.Frequency, history.T), out var seen);
            if (!seen)
            {
                agePosition = distinctAges.Count - 1;
            }

            ageIndex[i] = agePosition;
            CustomerValuation.RequireValue(expectedAverageValues[i], i, nameof(expectedAverageValues));
        }

        var probabilityAlive = new double[histories.Length];
        var customers = histories.ToArray();
        var timeToEvenChance = purchaseWindow is null ? null : new double[histories.Length];
        Parallel.For(0, customers.Length, i =>
        {
            var customer = customers[i];
            var alive = model.ProbabilityAlive(customer);
            probabilityAlive[i] = alive;
            if (timeToEvenChance is not null)
            {
                timeToEvenChance[i] = NextPurchase.TimeToEvenChance(model, customer.Frequency, customer.T, alive) ?? double.PositiveInfinity;
            }
        });

        var monthLength = valuation.MonthLength;
        var factors = valuation.DiscountFactors();
        var purchasesIfAlive = new double[distinctAges.Count];
        var discountedIfAlive = new double[distinctAges.Count];
        var chanceIfAlive = purchaseWindow is null ? null : new double[distinctAges.Count];
        Parallel.ForEach(distinctAges, pair =>
        {
            var (frequency, age) = pair.Key;
            purchasesIfAlive[pair.Value] = model.ExpectedPurchasesIfAlive(frequency, age, horizon);
            discountedIfAlive[pair.Value] = CustomerValuation.ForecastIfAlive(model, frequency, age, monthLength, factors).Discounted;
            if (chanceIfAlive is not null)
            {
                chanceIfAlive[pair.Value] = model.ProbabilityOfPurchaseIfAlive(frequency, age, purchaseWindow!.Value);
            }
        });

        var expectedPurchases = new double[histories.Length];
        var clv = new double[histories.Length];
        var probabilityOfPurchase = chanceIfAlive is null ? null : new double[histories.Length];
        for (var i = 0; i < histories.Length; i++)
        {
            var p = probabilityAlive[i];
            expectedPurchases[i] = p * purchasesIfAlive[ageIndex[i]];
            clv[i] = expectedAverageValues[i] * valuation.Margin * p * discountedIfAlive[ageIndex[i]];
            if (probabilityOfPurchase is not null)
            {
                probabilityOfPurchase[i] = p * chanceIfAlive![ageIndex[i]];
            }
        }

        return new CustomerForecast(probabilityAlive, expectedPurchases, clv, probabilityOfPurchase, timeToEvenChance);
    }
}
