using System.Runtime.InteropServices;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.Fitting;

/// <summary>
/// Customers' (x, t_x, T) rows collapsed to distinct triples with weights, plus the distinct t_x and T values
/// each row points to. Likelihoods then cost one pass over distinct rows, and the log terms that depend on
/// a single coordinate are computed once per distinct value and per iteration.
/// </summary>
internal sealed class HistoryTable
{
    private HistoryTable(
        int[] frequency,
        double[] recency,
        double[] age,
        double[] weight,
        int[] recencyIndex,
        int[] ageIndex,
        double[] distinctRecency,
        double[] distinctAge,
        double totalWeight)
    {
        Frequency = frequency;
        Recency = recency;
        T = age;
        Weight = weight;
        RecencyIndex = recencyIndex;
        TIndex = ageIndex;
        DistinctRecency = distinctRecency;
        DistinctT = distinctAge;
        TotalWeight = totalWeight;
        MaxFrequency = frequency.Length == 0 ? 0 : frequency.Max();

        var positions = new Dictionary<int, int>();
        var distinct = new List<int>();
        var weights = new List<double>();
        FrequencyIndex = new int[frequency.Length];
        for (var i = 0; i < frequency.Length; i++)
        {
            if (!positions.TryGetValue(frequency[i], out var position))
            {
                position = distinct.Count;
                positions.Add(frequency[i], position);
                distinct.Add(frequency[i]);
                weights.Add(0);
            }

            FrequencyIndex[i] = position;
            weights[position] += weight[i];
        }

        DistinctFrequency = [.. distinct];
        DistinctFrequencyWeight = [.. weights];
    }

    public int[] Frequency { get; }

    public double[] Recency { get; }

    public double[] T { get; }

    /// <summary>How many customers share each row's triple.</summary>
    public double[] Weight { get; }

    /// <summary>Position of each row's t_x in <see cref="DistinctRecency"/>.</summary>
    public int[] RecencyIndex { get; }

    /// <summary>Position of each row's T in <see cref="DistinctT"/>.</summary>
    public int[] TIndex { get; }

    /// <summary>Position of each row's x in <see cref="DistinctFrequency"/>.</summary>
    public int[] FrequencyIndex { get; }

    public int[] DistinctFrequency { get; }

    /// <summary>How many customers have each distinct x: terms that depend on x alone are summed through it.</summary>
    public double[] DistinctFrequencyWeight { get; }

    public double[] DistinctRecency { get; }

    public double[] DistinctT { get; }

    public int Count => Frequency.Length;

    /// <summary>The number of customers (sum of weights).</summary>
    public double TotalWeight { get; }

    public int MaxFrequency { get; }

    /// <summary>Sum of weights of rows with x &gt; 0.</summary>
    public double RepeatWeight
    {
        get
        {
            var total = 0.0;
            for (var i = 0; i < Count; i++)
            {
                if (Frequency[i] > 0)
                {
                    total += Weight[i];
                }
            }

            return total;
        }
    }

    /// <summary>Validates and groups the rows.</summary>
    /// <exception cref="ArgumentException">A row has negative or non-finite values or t_x &gt; T.</exception>
    public static HistoryTable Create(ReadOnlySpan<PurchaseHistory> histories)
    {
        var rowByTriple = new Dictionary<PurchaseHistory, int>(histories.Length);
        var frequency = new List<int>();
        var recency = new List<double>();
        var age = new List<double>();
        var weight = new List<double>();
        for (var i = 0; i < histories.Length; i++)
        {
            var history = histories[i];
            try
            {
                history.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Customer row {i + 1}: {e.Message}", e);
            }

            // Rounding error can put t_x a hair above T; the models need t_x ≤ T exactly.
            if (history.Recency > history.T)
            {
                history = history with { Recency = history.T };
            }

            if (history.Frequency == 0 && history.Recency != 0)
            {
                history = history with { Recency = 0 };
            }

            ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(rowByTriple, history, out var seen);
            if (seen)
            {
                weight[row]++;
                continue;
            }

            row = frequency.Count;
            frequency.Add(history.Frequency);
            recency.Add(history.Recency);
            age.Add(history.T);
            weight.Add(1);
        }

        var (recencyIndex, distinctRecency) = Index(recency);
        var (ageIndex, distinctAge) = Index(age);
        return new HistoryTable(
            [.. frequency], [.. recency], [.. age], [.. weight], recencyIndex, ageIndex, distinctRecency, distinctAge, histories.Length);
    }

    private static (int[] Index, double[] Distinct) Index(List<double> values)
    {
        var positions = new Dictionary<double, int>();
        var distinct = new List<double>();
        var index = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (!positions.TryGetValue(values[i], out var position))
            {
                position = distinct.Count;
                positions.Add(values[i], position);
                distinct.Add(values[i]);
            }

            index[i] = position;
        }

        return (index, [.. distinct]);
    }
}
