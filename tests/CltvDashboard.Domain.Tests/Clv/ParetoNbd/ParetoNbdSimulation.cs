using CltvDashboard.Domain.Transactions;
using MathNet.Numerics.Distributions;

namespace CltvDashboard.Domain.Tests.Clv.ParetoNbd;

/// <summary>Draws customers from a Pareto/NBD process in weeks, with purchases on whole days as the summariser sees them.</summary>
internal static class ParetoNbdSimulation
{
    /// <summary>
    /// Customers with T uniform over 1..<paramref name="maxAgeDays"/> days; each buys at Poisson times with rate
    /// λ ~ Gamma(r, α) per week until an exponential lifetime with rate μ ~ Gamma(s, β) ends (never, when
    /// <paramref name="s"/> is null). Purchases on one day are one occasion.
    /// </summary>
    public static PurchaseHistory[] Customers(int count, double r, double alpha, double? s, double beta, int maxAgeDays, int seed)
    {
        var random = new Random(seed);
        var rates = new Gamma(r, alpha, random);
        var dropouts = s is { } shape ? new Gamma(shape, beta, random) : null;
        var customers = new PurchaseHistory[count];
        for (var i = 0; i < count; i++)
        {
            var ageDays = random.Next(1, maxAgeDays + 1);
            var lambda = rates.Sample();
            var lifetime = dropouts is null ? double.PositiveInfinity : -Math.Log(1 - random.NextDouble()) / dropouts.Sample();
            var end = Math.Min(lifetime, ageDays / 7.0);
            var lastDay = 0;
            var frequency = 0;
            var time = 0.0;
            while (lambda > 0)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > end)
                {
                    break;
                }

                var day = Math.Min((int)Math.Ceiling(time * 7), ageDays);
                if (day > lastDay)
                {
                    lastDay = day;
                    frequency++;
                }
            }

            customers[i] = new PurchaseHistory(frequency, lastDay / 7.0, ageDays / 7.0);
        }

        return customers;
    }
}
