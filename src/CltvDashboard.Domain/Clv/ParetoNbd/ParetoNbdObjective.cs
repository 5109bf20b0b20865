using CltvDashboard.Domain.Clv.Fitting;
using CltvDashboard.Domain.Clv.Numerics;

namespace CltvDashboard.Domain.Clv.ParetoNbd;

/// <summary>
/// The total Pareto/NBD log-likelihood over a <see cref="HistoryTable"/>. Each evaluation tables what depends on x
/// alone (the gamma ratio), on t_x or T alone (their logs), and on (x, t_x) or (x, T) pairs (the hypergeometric tails,
/// the costly part, of which there are far fewer than rows), then combines them row by row on all cores.
/// </summary>
internal sealed class ParetoNbdObjective
{
    // Below this many items a second thread costs more than it saves.
    private const int MinimumItemsPerThread = 2048;

    private readonly HistoryTable _table;
    private readonly int[] _frequencyIndex;
    private readonly int[] _distinctFrequency;
    private readonly double[] _logRising;
    private readonly double[] _risingDerivative;
    private readonly double[] _logAlphaRecency;
    private readonly double[] _logBetaRecency;
    private readonly double[] _logAlphaAge;
    private readonly double[] _logBetaAge;

    // (x, t_x) pairs: log s·G(t_x). (x, T) pairs: log (α+T)^−(r+x) (β+T)^−s and log s·G(T).
    private readonly (int Frequency, int TimeIndex)[] _recencyPairs;
    private readonly (int Frequency, int TimeIndex)[] _agePairs;
    private readonly int[] _recencyPairIndex;
    private readonly int[] _agePairIndex;
    private readonly double[] _logRecencyTail;
    private readonly Partials[] _recencyTail;
    private readonly double[] _logFirst;
    private readonly Partials[] _first;
    private readonly double[] _logAgeTail;
    private readonly Partials[] _ageTail;

    public ParetoNbdObjective(HistoryTable table)
    {
        _table = table;
        (_frequencyIndex, _distinctFrequency) = Index(table.Count, i => table.Frequency[i]);
        (_recencyPairIndex, _recencyPairs) = Index(table.Count, i => (table.Frequency[i], table.RecencyIndex[i]));
        (_agePairIndex, _agePairs) = Index(table.Count, i => (table.Frequency[i], table.TIndex[i]));

        _logRising = new double[_distinctFrequency.Length];
        _risingDerivative = new double[_distinctFrequency.Length];
        _logAlphaRecency = new double[table.DistinctRecency.Length];
        _logBetaRecency = new double[table.DistinctRecency.Length];
        _logAlphaAge = new double[table.DistinctT.Length];
        _logBetaAge = new double[table.DistinctT.Length];
        _logRecencyTail = new double[_recencyPairs.Length];
        _recencyTail = new Partials[_recencyPairs.Length];
        _logFirst = new double[_agePairs.Length];
        _first = new Partials[_agePairs.Length];
        _logAgeTail = new double[_agePairs.Length];
        _ageTail = new Partials[_agePairs.Length];
    }

    /// <summary>
    /// The negative total log-likelihood at log-parameters (log r, log α, log s, log β), with its gradient with
    /// respect to them; +∞ where the parameters overflow.
    /// </summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        var r = Math.Exp(logParameters[0]);
        var alpha = Math.Exp(logParameters[1]);
        var s = Math.Exp(logParameters[2]);
        var beta = Math.Exp(logParameters[3]);
        if (!AllPositiveFinite(r, alpha, s, beta))
        {
            gradient.Clear();
            return double.PositiveInfinity;
        }

        var value = LogLikelihood(new ParetoNbdPoint(r, alpha, s, beta), gradient);
        gradient[0] *= -r;
        gradient[1] *= -alpha;
        gradient[2] *= -s;
        gradient[3] *= -beta;
        return -value;
    }

    /// <summary>The total log-likelihood at a point, with its partials with respect to (r, α, s, β).</summary>
    public double LogLikelihood(ParetoNbdPoint point, Span<double> gradient)
    {
        for (var k = 0; k < _distinctFrequency.Length; k++)
        {
            (_logRising[k], _risingDerivative[k]) = ParetoNbdLikelihood.LogRisingFactorial(point.R, _distinctFrequency[k]);
        }

        Tabulate(point, _table.DistinctRecency, _logAlphaRecency, _logBetaRecency);
        Tabulate(point, _table.DistinctT, _logAlphaAge, _logBetaAge);
        ForRanges(_recencyPairs.Length, (start, end) => RecencyPairs(point, start, end));
        ForRanges(_agePairs.Length, (start, end) => AgePairs(point, start, end));

        var total = ParallelSum.Run(_table.Count, gradient, (start, end, chunkGradient) => SumRows(start, end, chunkGradient));

        // The α^r β^s factor is common to every customer.
        var customers = _table.TotalWeight;
        gradient[0] += customers * point.LogAlpha;
        gradient[1] += customers * point.R / point.Alpha;
        gradient[2] += customers * point.LogBeta;
        gradient[3] += customers * point.S / point.Beta;
        return total + (customers * ((point.R * point.LogAlpha) + (point.S * point.LogBeta)));
    }

    private void RecencyPairs(ParetoNbdPoint point, int start, int end)
    {
        var times = _table.DistinctRecency;
        for (var k = start; k < end; k++)
        {
            var (x, j) = _recencyPairs[k];
            _logRecencyTail[k] = ParetoNbdLikelihood.LogScaledTail(point, point.R + x, times[j], _logAlphaRecency[j], _logBetaRecency[j], out _recencyTail[k]);
        }
    }

    private void AgePairs(ParetoNbdPoint point, int start, int end)
    {
        var times = _table.DistinctT;
        for (var k = start; k < end; k++)
        {
            var (x, j) = _agePairs[k];
            var rx = point.R + x;
            _logFirst[k] = ParetoNbdLikelihood.LogFirstTerm(point, rx, times[j], _logAlphaAge[j], _logBetaAge[j], out _first[k]);
            _logAgeTail[k] = ParetoNbdLikelihood.LogScaledTail(point, rx, times[j], _logAlphaAge[j], _logBetaAge[j], out _ageTail[k]);
        }
    }

    private double SumRows(int start, int end, double[] gradient)
    {
        var recency = _table.Recency;
        var age = _table.T;
        var weight = _table.Weight;
        double total = 0, compensation = 0, gradientR = 0, gradientAlpha = 0, gradientS = 0, gradientBeta = 0;
        for (var i = start; i < end; i++)
        {
            var a = _agePairIndex[i];
            double logBracket;
            Partials partials;
            if (recency[i] < age[i])
            {
                var k = _recencyPairIndex[i];
                logBracket = ParetoNbdLikelihood.Combine(
                    _logFirst[a], _first[a], _logRecencyTail[k], _recencyTail[k], _logAgeTail[a], _ageTail[a], out partials);
            }
            else
            {
                logBracket = _logFirst[a];
                partials = _first[a];
            }

            var xi = _frequencyIndex[i];
            var w = weight[i];

            // Neumaier's compensated sum: near the optimum the rounding of a plain running total is larger than the
            // decrease the line search must detect.
            var term = w * (_logRising[xi] + logBracket);
            var next = total + term;
            compensation += Math.Abs(total) >= Math.Abs(term) ? (total - next) + term : (term - next) + total;
            total = next;
            gradientR += w * (_risingDerivative[xi] + partials.R);
            gradientAlpha += w * partials.Alpha;
            gradientS += w * partials.S;
            gradientBeta += w * partials.Beta;
        }

        gradient[0] += gradientR;
        gradient[1] += gradientAlpha;
        gradient[2] += gradientS;
        gradient[3] += gradientBeta;
        return total + compensation;
    }

    private static void ForRanges(int count, Action<int, int> body)
    {
        var threads = Math.Clamp(count / MinimumItemsPerThread, 1, Environment.ProcessorCount);
        if (threads == 1)
        {
            body(0, count);
            return;
        }

        Parallel.For(0, threads, k => body((int)((long)count * k / threads), (int)((long)count * (k + 1) / threads)));
    }

    private static (int[] Index, T[] Distinct) Index<T>(int count, Func<int, T> key)
        where T : notnull
    {
        var positions = new Dictionary<T, int>();
        var distinct = new List<T>();
        var index = new int[count];
        for (var i = 0; i < count; i++)
        {
            var value = key(i);
            if (!positions.TryGetValue(value, out var position))
            {
                position = distinct.Count;
                positions.Add(value, position);
                distinct.Add(value);
            }

            index[i] = position;
        }

        return (index, [.. distinct]);
    }

    private static void Tabulate(ParetoNbdPoint point, double[] times, double[] logAlpha, double[] logBeta)
    {
        for (var j = 0; j < times.Length; j++)
        {
            logAlpha[j] = Math.Log(point.Alpha + times[j]);
            logBeta[j] = Math.Log(point.Beta + times[j]);
        }
    }

    private static bool AllPositiveFinite(double r, double alpha, double s, double beta) =>
        double.IsFinite(r) && double.IsFinite(alpha) && double.IsFinite(s) && double.IsFinite(beta) && r > 0 && alpha > 0 && s > 0 && beta > 0;
}
