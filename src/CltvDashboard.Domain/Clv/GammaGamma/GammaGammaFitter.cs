using CltvDashboard.Domain.Clv.Numerics;

namespace CltvDashboard.Domain.Clv.GammaGamma;

/// <summary>
/// Maximum-likelihood estimation of the Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using
/// Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader &amp; Hardie 2013, "The Gamma-Gamma Model of
/// Monetary Value") from customers' repeat-purchase counts and mean repeat-purchase values.
/// </summary>
public static class GammaGammaFitter
{
    /// <summary>Fewest customers with x &gt; 0 and m̄ &gt; 0 the fit accepts: below this, three parameters are not identified in any useful sense.</summary>
    public const int MinimumCustomers = 10;

    private static readonly string[] Names = ["p", "q", "gamma"];

    /// <summary>
    /// Fits p, q and γ. Customers with no repeat purchase (x = 0) and those whose repeat purchases were worth 0
    /// (m̄ = 0) are left out and counted; the rest enter the likelihood, identical (x, m̄) pairs once with a weight.
    /// </summary>
    /// <param name="customers">
    /// Every customer's x (repeat occasions, ≥ 0) and m̄ (mean value of the repeat occasions, finite, ≥ 0), for
    /// example <see cref="SpendHistory.From"/> of each <see cref="Transactions.CustomerSummary"/>.
    /// </param>
    /// <returns>The estimates, the counts of customers used and left out, and the frequency/value correlation.</returns>
    /// <exception cref="ArgumentException">A customer has x &lt; 0 or a negative or non-finite m̄ (the row is named).</exception>
    /// <exception cref="ModelFitException">Fewer than <see cref="MinimumCustomers"/> customers can enter the fit.</exception>
    public static GammaGammaFit Fit(ReadOnlySpan<SpendHistory> customers)
    {
        var used = new SpendHistory[customers.Length];
        var count = 0;
        var oneTimeBuyers = 0;
        var zeroValue = 0;
        for (var i = 0; i < customers.Length; i++)
        {
            var customer = customers[i];
            if (customer.Frequency < 0)
            {
                throw new ArgumentException($"Customer row {i + 1}: the number of repeat purchases must be 0 or more, was {customer.Frequency}.", nameof(customers));
            }

            if (customer.Frequency == 0)
            {
                oneTimeBuyers++;
                continue;
            }

            if (!double.IsFinite(customer.MonetaryValue) || customer.MonetaryValue < 0)
            {
                throw new ArgumentException($"Customer row {i + 1}: the mean repeat-purchase value must be finite and 0 or more, was {customer.MonetaryValue}.", nameof(customers));
            }

            if (customer.MonetaryValue == 0)
            {
                zeroValue++;
                continue;
            }

            used[count++] = customer;
        }

        if (count < MinimumCustomers)
        {
            throw new ModelFitException(
                $"The spend model needs at least {MinimumCustomers} customers with a repeat purchase of positive value, but only {count} of {customers.Length} have one " +
                $"({oneTimeBuyers} bought only once, {zeroValue} had repeat purchases worth 0 in total).");
        }

        var spend = used.AsSpan(0, count);
        var likelihood = SpendLikelihood.Create(spend);

        var scale = likelihood.Scale;
        var result = MaximumLikelihood.Fit(Names, likelihood.NegativeLogLikelihood, likelihood.Customers, [Start(likelihood)], [1.0, 1.0, scale]);

        var parameters = new GammaGammaParameters(result.Estimates[0], result.Estimates[1], result.Estimates[2] * scale);
        var standardErrors = new Dictionary<string, double?>(result.StandardErrors)
        {
            ["gamma"] = result.StandardErrors["gamma"] * scale,
        };
        var correlation = Correlation(spend);
        var warnings = Warnings(result.Diagnostics, parameters, correlation, count, zeroValue);
        var diagnostics = result.Diagnostics with { Warnings = warnings };
        var fit = new ModelFit<GammaGammaParameters>(
            parameters, likelihood.ToCurrencyLogLikelihood(result.LogLikelihood), standardErrors, diagnostics)
        {
            // γ was fitted in units of the typical spend; ln γ differs by a constant, so its covariance is the same.
            Covariance = result.Covariance?.WithEstimates([parameters.P, parameters.Q, parameters.Gamma]),
        };
        return new GammaGammaFit(fit, count, oneTimeBuyers, zeroValue, correlation);
    }

    // p = 1, q = 2 lies inside the finite-mean region, and γ' = (q − 1)·mean / p matches the model's mean spend to the data's.
    private static double[] Start(SpendLikelihood likelihood) => [0.0, Math.Log(2.0), Math.Log(likelihood.MeanScaledValue)];

    private static List<string> Warnings(
        FitDiagnostics diagnostics, GammaGammaParameters parameters, double? correlation, int used, int zeroValue)
    {
        var warnings = new List<string>(diagnostics.Warnings);

        if (diagnostics.ParametersOnBoundary.Contains("q") && parameters.Q > MaximumLikelihood.UpperBoundary)
        {
            warnings.Add(
                "With q growing without limit the model finds no difference in average spend between customers beyond " +
                "chance: it expects every customer to spend the population mean, whatever they spent so far.");
        }

        if (!parameters.HasFiniteMean)
        {
            warnings.Add(
                $"q = {parameters.Q:G3} is not above 1, so the model's mean spend is infinite: a few customers' very large " +
                "values dominate. Check the spend data for outliers before valuing customers with this fit.");
        }

        if (correlation is { } rho && Math.Abs(rho) >= GammaGammaFit.CorrelationWarningThreshold)
        {
            var direction = rho > 0 ? "more" : "less";
            warnings.Add(
                $"Purchase frequency and mean spend are correlated (ρ = {rho:F2}) among the {used} repeat customers: " +
                $"frequent buyers tend to spend {direction} per purchase. The spend model assumes the two are independent, " +
                "so its expected values for very frequent or infrequent buyers may be biased.");
        }

        if (zeroValue > 0)
        {
            warnings.Add(
                $"{zeroValue} repeat customers whose repeat purchases were worth 0 in total were left out; the spend model describes positive spend.");
        }

        return warnings;
    }

    // Two passes (means, then centred sums) keep the correlation accurate when values are large relative to their spread.
    private static double? Correlation(ReadOnlySpan<SpendHistory> customers)
    {
        double meanFrequency = 0, meanValue = 0;
        foreach (var customer in customers)
        {
            meanFrequency += customer.Frequency;
            meanValue += customer.MonetaryValue;
        }

        meanFrequency /= customers.Length;
        meanValue /= customers.Length;
        double covariance = 0, frequencyVariance = 0, valueVariance = 0;
        foreach (var customer in customers)
        {
            var dx = customer.Frequency - meanFrequency;
            var dm = customer.MonetaryValue - meanValue;
            covariance += dx * dm;
            frequencyVariance += dx * dx;
            valueVariance += dm * dm;
        }

        var correlation = covariance / Math.Sqrt(frequencyVariance) / Math.Sqrt(valueVariance);
        return frequencyVariance > 0 && valueVariance > 0 && double.IsFinite(correlation)
            ? Math.Clamp(correlation, -1.0, 1.0)
            : null;
    }
}
