using System.Numerics;
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
        // Open addressing on (x, t_x, T) with the triple in the slot, so that a lookup reads one cache line: a
        // million customers collapse to a few hundred thousand rows, numbered in first-seen order.
        // Sized once for the worst case: growing them is what costs, in copies and in collections of the large heap.
        var slots = new Slot[BitOperations.RoundUpToPowerOf2((uint)Math.Max(histories.Length, 2048))];
        var frequency = new int[histories.Length];
        var recency = new double[histories.Length];
        var age = new double[histories.Length];
        var weight = new double[histories.Length];
        var rows = 0;
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

            var mask = slots.Length - 1;
            var slot = (int)(Hash(history.Frequency, history.Recency, history.T) & (uint)mask);
            while (true)
            {
                ref var entry = ref slots[slot];
                if (entry.Row == 0)
                {
                    entry = new Slot(history.Frequency, rows + 1, history.Recency, history.T);
                    frequency[rows] = history.Frequency;
                    recency[rows] = history.Recency;
                    age[rows] = history.T;
                    weight[rows] = 1;
                    rows++;
                    if (rows * 2 > slots.Length)
                    {
                        slots = Rehash(slots);
                    }

                    break;
                }

                if (entry.Frequency == history.Frequency && entry.Recency.Equals(history.Recency) && entry.Age.Equals(history.T))
                {
                    weight[entry.Row - 1]++;
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }

        var tableRecency = recency.AsSpan(0, rows).ToArray();
        var tableAge = age.AsSpan(0, rows).ToArray();
        var (recencyIndex, distinctRecency) = Index(tableRecency);
        var (ageIndex, distinctAge) = Index(tableAge);
        return new HistoryTable(
            frequency.AsSpan(0, rows).ToArray(), tableRecency, tableAge, weight.AsSpan(0, rows).ToArray(), recencyIndex, ageIndex, distinctRecency,
            distinctAge, histories.Length);
    }

    private static ulong Hash(int frequency, double recency, double age) =>
        Mix((ulong)frequency ^ Mix((ulong)BitConverter.DoubleToInt64Bits(recency) ^ Mix((ulong)BitConverter.DoubleToInt64Bits(age))));

    // The finaliser of MurmurHash3: t_x and T are day counts over 7, whose low mantissa bits repeat, so every bit of
    // the key must reach the slot's bits.
    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb93e37ba8bf3UL;
        return value ^ (value >> 33);
    }

    private static Slot[] Rehash(Slot[] old)
    {
        var slots = new Slot[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Row == 0)
            {
                continue;
            }

            var slot = (int)(Hash(entry.Frequency, entry.Recency, entry.Age) & (uint)mask);
            while (slots[slot].Row != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }

        return slots;
    }

    private static (int[] Index, double[] Distinct) Index(double[] values)
    {
        var positions = new Dictionary<double, int>();
        var distinct = new List<double>();
        var index = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
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

    // Row is the table's row + 1, so that a cleared slot is an empty one.
    private readonly record struct Slot(int Frequency, int Row, double Recency, double Age);
}
