using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Analysis;

/// <summary>
/// Each customer's expected value of a future purchase occasion: Gamma-Gamma's conditional expectation, and the
/// historical average occasion value where the model cannot speak (it could not be fitted, or q ≤ 1 makes its mean
/// unbounded for customers without repeat purchases).
/// </summary>
/// <param name="Fit">The Gamma-Gamma fit; null when it failed.</param>
/// <param name="Failure">Why Gamma-Gamma could not be fitted; null when it was.</param>
/// <param name="HistoricalAverage">Net revenue per purchase occasion over all customers, at least 0.</param>
/// <param name="ExpectedAverageValues">Per customer, in the order given.</param>
public sealed record SpendEstimate(GammaGammaFit? Fit, string? Failure, double HistoricalAverage, double[] ExpectedAverageValues)
{
    /// <summary>Whether the fit's population mean is unbounded (q ≤ 1), so one-time buyers get the historical average.</summary>
    public bool MeanIsUnbounded => Fit is { } fit && !fit.Parameters.HasFiniteMean;

    /// <summary>
    /// Whether a customer with <paramref name="frequency"/> repeat purchases is valued by Gamma-Gamma (true) or by the
    /// historical average (the fit failed, or the customer has no repeat purchase and the fit's mean is unbounded).
    /// </summary>
    /// <param name="frequency">x: the customer's repeat purchases.</param>
    public bool ValuesByModel(int frequency) => Fit is not null && !(frequency == 0 && MeanIsUnbounded);

    /// <summary>Fits Gamma-Gamma to the customers and computes each one's expected purchase value.</summary>
    /// <param name="customers">The customers, with their repeat purchases' mean value.</param>
    public static SpendEstimate Compute(IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var occasions = 0.0;
        var revenue = 0m;
        var spend = new SpendHistory[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            occasions += customers[i].PurchaseOccasions;
            revenue += customers[i].Revenue;
            spend[i] = SpendHistory.From(customers[i]);
        }

        var historicalAverage = Math.Max(0, (double)revenue / occasions);
        var values = new double[customers.Count];
        GammaGammaFit fit;
        try
        {
            fit = GammaGammaFitter.Fit(spend);
        }
        catch (ModelFitException e)
        {
            Array.Fill(values, historicalAverage);
            return new SpendEstimate(null, e.Message, historicalAverage, values);
        }

        var parameters = fit.Parameters;
        var estimate = new SpendEstimate(fit, null, historicalAverage, values);
        for (var i = 0; i < customers.Count; i++)
        {
            var customer = customers[i];
            values[i] = estimate.ValuesByModel(customer.Frequency)
                ? parameters.ConditionalExpectedAverageValue(customer.Frequency, Math.Max(0, customer.MonetaryValue))
                : historicalAverage;
        }

        return estimate;
    }
}
