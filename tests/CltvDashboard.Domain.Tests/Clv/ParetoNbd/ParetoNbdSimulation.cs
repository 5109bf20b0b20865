using CltvDashboard.Domain.Transactions;
using MathNet.Numerics.Distributions;

namespace CltvDashboard.Domain.Tests.Clv.ParetoNbd;

/// <summary>Draws customers from a Pareto/NBD process, in weeks.</summary>
internal static class ParetoNbdSimulation
{
    /// <summary>
    /// Customers whose age T is a whole number of days, uniform over 1..<paramref name="maxAgeDays"/>; each buys at
    /// Poisson times with rate λ ~ Gamma(r, α) per week until an exponential lifetime with rate μ ~ Gamma(s, β) ends
    /// (never, when <paramref name="s"/> is null).
    /// </summary>
    /// <remarks>
    /// By default purchase times are exact, so the histories follow the model exactly. With wholeDays, as the summariser
    /// sees a transaction log, purchases on one calendar day are one occasion and t_x is a whole number of days (the
    /// first purchase falls at a uniform time of its day); frequent buyers then lose purchases to the merging.
    /// </remarks>
    public static PurchaseHistory[] Customers(
        int count, double r, double alpha, double? s, double beta, int maxAgeDays, int seed, bool wholeDays = false)
    {
        var random = new Random(seed);
        var rates = new Gamma(r, alpha, random);
        var dropouts = s is { } shape ? new Gamma(shape, beta, random) : null;
        var customers = new PurchaseHistory[count];
        for (var i = 0; i < count; i++)
        {
            var ageDays = random.Next(1, maxAgeDays + 1);
            var firstPurchaseInDay = wholeDays ? random.NextDouble() : 0;
            var lambda = rates.Sample();
            var lifetime = dropouts is null ? double.PositiveInfinity : -Math.Log(1 - random.NextDouble()) / dropouts.Sample();

            // In whole days the calibration period ends with the last calendar day, ageDays after the first.
            var observed = wholeDays ? (ageDays + 1 - firstPurchaseInDay) / 7 : ageDays / 7.0;
            var end = Math.Min(lifetime, observed);
            var frequency = 0;
            var recency = 0.0;
            var lastDay = 0;
            var time = 0.0;
            while (lambda > 0)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > end)
                {
                    break;
                }

                if (!wholeDays)
                {
                    frequency++;
                    recency = time;
                    continue;
                }

                var day = (int)Math.Floor(firstPurchaseInDay + (time * 7));
                if (day > lastDay)
                {
                    lastDay = day;
                    frequency++;
                    recency = day / 7.0;
                }
            }

            customers[i] = new PurchaseHistory(frequency, recency, ageDays / 7.0);
        }

        return customers;
    }
}
