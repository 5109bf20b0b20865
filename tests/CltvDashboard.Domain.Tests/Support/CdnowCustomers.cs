using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Support;

/// <summary>A spread of the CDNOW sample's calibration histories (in weeks) for tests that check each customer's figures.</summary>
public static class CdnowCustomers
{
    private static readonly int[] Frequencies = [0, 1, 2, 3, 5, 8, 12];

    /// <summary>
    /// For each of a few repeat counts, the customers with the shortest and the longest recency, and the most frequent
    /// buyer of all: one-time buyers, lapsed and recent repeat buyers, and the heaviest.
    /// </summary>
    public static IReadOnlyList<PurchaseHistory> Spread()
    {
        var histories = Cdnow.SampleSummary.Histories();
        var chosen = new List<PurchaseHistory>();
        foreach (var frequency in Frequencies)
        {
            var same = histories.Where(h => h.Frequency == frequency).OrderBy(h => h.Recency).ThenBy(h => h.T).ToList();
            if (same.Count > 0)
            {
                chosen.Add(same[0]);
                chosen.Add(same[^1]);
            }
        }

        chosen.Add(histories.MaxBy(h => h.Frequency));
        return [.. chosen.Distinct()];
    }
}
