using System.Numerics;
using CltvDashboard.Domain.Clv.Numerics;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Clv.GammaGamma;

/// <summary>
/// The Gamma-Gamma negative log-likelihood over customers with x &gt; 0 and m̄ &gt; 0, laid out so that one evaluation
/// costs one logarithm per distinct (x, m̄) row.
/// </summary>
/// <remarks>
/// <para>
/// Rescaling: monetary values are divided by their geometric mean <see cref="Scale"/>, so the optimiser works on
/// γ' = γ / scale, which is of order one whether the data are in cents or in billions. The boundary tests and
/// coordinate limits of <see cref="MaximumLikelihood"/> then read relative to typical spend, and
/// ln f(m̄) = ln f'(m̄ / scale) − ln scale restores the likelihood in the data's currency.
/// </para>
/// <para>
/// Sufficient statistics: with T = x·m', the log-likelihood is
/// Σ_x n_x [lnΓ(px + q) − lnΓ(px)] − W lnΓ(q) − Σ w ln m' − p Σ w·x·ln(1 + γ'/T) − q Σ w·ln(1 + T/γ'),
/// so the lnΓ and ψ terms are computed once per distinct x, and each row costs one logarithm and one reciprocal.
/// </para>
/// <para>
/// Smoothness: near the optimum the optimiser compares values that differ by about 1e-15 of their size, so
/// rounding noise costs it wasted line-search steps. The form above has no large terms that cancel (the
/// ln T terms cancel analytically), the lnΓ terms jitter little (<see cref="LogGamma"/>), and the per-row sums
/// are blocked, with compensated (Neumaier) accumulation of the block totals. What remains is about 2e-15 of
/// the value, set by terms near 10 per customer that cancel to about 1.
/// </para>
/// </remarks>
internal sealed class SpendLikelihood
{
    private const int SummationBlock = 256;

    // ln x for the repeat counts most customers have, so that building the table costs one logarithm per row.
    private static readonly double[] SmallLogs = [.. Enumerable.Range(0, 256).Select(x => Math.Log(x))];

    // Per distinct (x, m̄) row: T = x·m' (m' = m̄ / scale), ln T, the number of customers w, and w·x.
    private readonly double[] _scaledTotal;
    private readonly double[] _logScaledTotal;
    private readonly double[] _weight;
    private readonly double[] _weightedFrequency;

    // Per distinct x: the value of x and the number of customers with it.
    private readonly double[] _distinctFrequency;
    private readonly double[] _frequencyWeight;

    // Σ w·ln m' over rows.
    private readonly double _logValue;

    private SpendLikelihood(int[] frequency, double[] scaledValue, double[] weight, double scale)
    {
        var rows = frequency.Length;
        _scaledTotal = new double[rows];
        _logScaledTotal = new double[rows];
        _weight = weight;
        _weightedFrequency = new double[rows];

        // Sums of parameter-free terms need no compensation: their rounding error is the same at every evaluation.
        var logValue = 0.0;
        var customers = 0.0;
        var meanValue = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var x = frequency[i];
            var logScaledValue = Math.Log(scaledValue[i]);
            _scaledTotal[i] = x * scaledValue[i];
            _logScaledTotal[i] = logScaledValue + (x < SmallLogs.Length ? SmallLogs[x] : Math.Log(x));
            _weightedFrequency[i] = weight[i] * x;
            logValue += weight[i] * logScaledValue;
            customers += weight[i];
            meanValue += weight[i] * scaledValue[i];
        }

        (_distinctFrequency, _frequencyWeight) = WeightByFrequency(frequency, weight);
        _logValue = logValue;
        Customers = customers;
        MeanScaledValue = meanValue / Customers;
        Scale = scale;
    }

    /// <summary>The geometric mean of the monetary values: the unit in which the likelihood sees money.</summary>
    public double Scale { get; }

    /// <summary>Customers in the likelihood (sum of row weights).</summary>
    public double Customers { get; }

    /// <summary>Distinct (x, m̄) rows.</summary>
    public int Rows => _scaledTotal.Length;

    /// <summary>The mean of m̄ / <see cref="Scale"/> over customers, for starting values.</summary>
    public double MeanScaledValue { get; }

    /// <summary>Builds the table from customers that all have x ≥ 1 and finite m̄ &gt; 0; identical pairs share a row.</summary>
    public static SpendLikelihood Create(ReadOnlySpan<SpendHistory> customers)
    {
        var logSum = 0.0;
        foreach (var customer in customers)
        {
            logSum += Math.Log(customer.MonetaryValue);
        }

        var scale = Math.Exp(logSum / customers.Length);

        // Open addressing with linear probing on (x, bits of m̄): much cheaper than a Dictionary here (bench/README.md),
        // and the grouping runs on every customer of every fit. Prices repeat, so real data often collapse several-fold.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, customers.Length * 2));
        var shift = 64 - BitOperations.Log2((uint)capacity);
        var slots = new int[capacity];
        var frequency = new int[customers.Length];
        var value = new double[customers.Length];
        var weight = new double[customers.Length];
        var rows = 0;
        foreach (var customer in customers)
        {
            var bits = BitConverter.DoubleToInt64Bits(customer.MonetaryValue);
            var hash = ((ulong)bits ^ ((ulong)customer.Frequency * 0x9E3779B97F4A7C15UL)) * 0xBF58476D1CE4E5B9UL;
            var slot = (int)(hash >> shift);
            while (true)
            {
                var row = slots[slot] - 1;
                if (row < 0)
                {
                    slots[slot] = rows + 1;
                    frequency[rows] = customer.Frequency;
                    value[rows] = customer.MonetaryValue;
                    weight[rows] = 1;
                    rows++;
                    break;
                }

                if (frequency[row] == customer.Frequency && BitConverter.DoubleToInt64Bits(value[row]) == bits)
                {
                    weight[row]++;
                    break;
                }

                slot = (slot + 1) & (capacity - 1);
            }
        }

        var scaledValue = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            scaledValue[i] = value[i] / scale;
        }

        return new SpendLikelihood(frequency[..rows], scaledValue, weight[..rows], scale);
    }

    // Counting into an array indexed by x is much cheaper than a dictionary; x is bounded by the row count in any
    // data where the array would be large, except in corrupt data, which the dictionary handles.
    private static (double[] Frequency, double[] Weight) WeightByFrequency(int[] frequency, double[] weight)
    {
        var maximum = frequency.Length == 0 ? 0 : frequency.Max();
        if (maximum <= Math.Max(1024, 4 * frequency.Length))
        {
            var counts = new double[maximum + 1];
            for (var i = 0; i < frequency.Length; i++)
            {
                counts[frequency[i]] += weight[i];
            }

            var distinct = Enumerable.Range(0, counts.Length).Where(x => counts[x] > 0).ToArray();
            return ([.. distinct.Select(x => (double)x)], [.. distinct.Select(x => counts[x])]);
        }

        var byFrequency = new SortedDictionary<int, double>();
        for (var i = 0; i < frequency.Length; i++)
        {
            byFrequency[frequency[i]] = byFrequency.GetValueOrDefault(frequency[i]) + weight[i];
        }

        return ([.. byFrequency.Keys.Select(x => (double)x)], [.. byFrequency.Values]);
    }

    /// <summary>The log-likelihood in the data's currency, from one in rescaled units.</summary>
    public double ToCurrencyLogLikelihood(double scaledLogLikelihood) => scaledLogLikelihood - Customers * Math.Log(Scale);

    /// <summary>
    /// −ℓ at (ln p, ln q, ln γ') with γ' = γ / <see cref="Scale"/>; writes −∂ℓ/∂(ln p, ln q, ln γ') into
    /// <paramref name="gradient"/>.
    /// </summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        var p = Math.Exp(logParameters[0]);
        var q = Math.Exp(logParameters[1]);
        var gamma = Math.Exp(logParameters[2]);
        var logGamma = Math.Log(gamma);

        var gammaTerms = new CompensatedSum();
        var digammaP = 0.0;
        var digammaQ = 0.0;
        for (var k = 0; k < _distinctFrequency.Length; k++)
        {
            var x = _distinctFrequency[k];
            var n = _frequencyWeight[k];
            var px = p * x;
            gammaTerms.Add(n * LogGamma.Ratio(px, q));
            var digammaSum = SpecialFunctions.DiGamma(px + q);
            digammaP += n * x * (digammaSum - SpecialFunctions.DiGamma(px));
            digammaQ += n * digammaSum;
        }

        // sums = Σ w·ln(1 + T/γ'), Σ w·x·ln(1 + γ'/T), Σ w/(γ' + T), Σ w·x/(γ' + T); ParallelSum's gradient
        // buffer carries them.
        Span<double> sums = stackalloc double[4];
        ParallelSum.Run(Rows, sums, (start, end, partial) => SumRows(gamma, logGamma, start, end, partial));

        var w = Customers;
        var logLikelihood = gammaTerms.Total - w * LogGamma.Of(q) - _logValue - p * sums[1] - q * sums[0];
        var dp = digammaP - sums[1];
        var dq = digammaQ - w * SpecialFunctions.DiGamma(q) - sums[0];
        var dGamma = w * q / gamma - (p * sums[3] + q * sums[2]);
        gradient[0] = -p * dp;
        gradient[1] = -q * dq;
        gradient[2] = -gamma * dGamma;
        return -logLikelihood;
    }

    private double SumRows(double gamma, double logGamma, int start, int end, double[] sums)
    {
        var valueLog = new CompensatedSum();
        var frequencyLog = new CompensatedSum();
        var reciprocal = new CompensatedSum();
        var frequencyReciprocal = new CompensatedSum();
        for (var block = start; block < end; block += SummationBlock)
        {
            double blockValueLog = 0, blockFrequencyLog = 0, blockReciprocal = 0, blockFrequencyReciprocal = 0;
            var blockEnd = Math.Min(end, block + SummationBlock);
            for (var i = block; i < blockEnd; i++)
            {
                var total = gamma + _scaledTotal[i];
                var log = Math.Log(total);
                var r = 1.0 / total;
                blockValueLog += _weight[i] * (log - logGamma);
                blockFrequencyLog += _weightedFrequency[i] * (log - _logScaledTotal[i]);
                blockReciprocal += _weight[i] * r;
                blockFrequencyReciprocal += _weightedFrequency[i] * r;
            }

            valueLog.Add(blockValueLog);
            frequencyLog.Add(blockFrequencyLog);
            reciprocal.Add(blockReciprocal);
            frequencyReciprocal.Add(blockFrequencyReciprocal);
        }

        sums[0] += valueLog.Total;
        sums[1] += frequencyLog.Total;
        sums[2] += reciprocal.Total;
        sums[3] += frequencyReciprocal.Total;
        return 0.0;
    }

    /// <summary>Neumaier's compensated sum: the rounding error of each addition is carried and added back at the end.</summary>
    private struct CompensatedSum
    {
        private double _sum;
        private double _compensation;

        public readonly double Total => _sum + _compensation;

        public void Add(double value)
        {
            var t = _sum + value;
            _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
            _sum = t;
        }
    }
}
