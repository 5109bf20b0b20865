using System.Runtime.InteropServices;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Uncertainty;

/// <summary>
/// Ranges around the forecasts of a fitted purchase-count model (and Gamma-Gamma): per customer, the purchases in a
/// period and the CLV; per group of customers, the total purchases, revenue, CLV and active customers. Both sources of
/// uncertainty are in them: the parameters, by a parametric bootstrap (draws from the fit's covariance on the log scale,
/// <see cref="ParameterCovariance"/>), and the purchase process, a customer's count being random even with known
/// parameters (the model's P(X = k | history)). A wrong model is not in them.
/// </summary>
/// <remarks>
/// <para>
/// Per customer: P(X = k | x, t_x, T) = P(alive)·P(k | active, x, T) for k ≥ 1, so a customer's distribution is their
/// P(alive) at the estimates and the (x, T) group's P(k | active) averaged over <see cref="RangeOptions.CustomerDraws"/>
/// draws. The correlation across draws between P(alive) and P(k | active) is left out: it moves a customer's bounds far
/// less than the purchase process spreads them.
/// </para>
/// <para>
/// Per group: given the parameters, customers buy independently, so a group's total is close to normal with the sum of
/// the customers' means and variances (at the estimates); over the draws its mean moves by the sum of the customers'
/// changes, estimated on at most <see cref="RangeOptions.SampleCustomersPerSegment"/> evenly spaced customers of the group
/// (the change at the estimates is 0, so the sample estimates a difference, a control variate). The total's distribution
/// is the mixture of those normals over the draws; its 2.5, 10, 90 and 97.5 % points are the bounds, whole numbers taken
/// outwards for counts. Revenue adds Gamma-Gamma's spend per purchase (a customer's mean spend p/ν with ν from its
/// posterior Gamma(p·x + q, γ + x·m̄), each purchase Gamma(p, ν)), and its parameters drawn from its own covariance. A
/// CLV is the revenue discounted and times the margin: its spread is the revenue's scaled by each customer's ratio of CLV
/// to expected revenue, which keeps the shape of the discounting at the estimates.
/// </para>
/// </remarks>
public sealed class ForecastRanges
{
    // Each draw's purchase-count distribution is taken until this much of it is known: beyond the 97.5 % point the
    // bounds need, with room for the mixture of draws.
    private const double RangeMass = 0.999;

    // The moments behind a group's variance take the distribution until this much of it is known.
    private const double MomentMass = 1 - 1e-10;

    private const int MaximumCount = 1 << 20;

    private static readonly double[] Levels = [0.025, 0.1, 0.9, 0.975];

    private readonly IPurchaseCountModel _model;
    private readonly PurchaseHistory[] _histories;
    private readonly double _period;
    private readonly RangeOptions _options;
    private readonly RangeSpend? _spend;
    private readonly IPurchaseCountModel[] _draws;
    private readonly GammaGammaParameters[] _spendDraws;
    private readonly int[] _groupOf;
    private readonly (int Frequency, double Age)[] _groups;
    private readonly double[] _alive;
    private readonly double[] _purchases;
    private readonly double[] _groupMean;
    private readonly double[] _groupSecondMoment;
    private readonly double[]?[] _drawMeans;
    private CustomerRanges? _customers;

    private ForecastRanges(
        IPurchaseCountModel model,
        PurchaseHistory[] histories,
        double period,
        RangeOptions options,
        RangeSpend? spend,
        IPurchaseCountModel[] draws,
        GammaGammaParameters[] spendDraws)
    {
        _model = model;
        _histories = histories;
        _period = period;
        _options = options;
        _spend = spend;
        _draws = draws;
        _spendDraws = spendDraws;

        var positions = new Dictionary<(int, double), int>();
        _groupOf = new int[histories.Length];
        for (var i = 0; i < histories.Length; i++)
        {
            ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(positions, (histories[i].Frequency, histories[i].T), out var seen);
            if (!seen)
            {
                position = positions.Count - 1;
            }

            _groupOf[i] = position;
        }

        _groups = new (int, double)[positions.Count];
        foreach (var (key, position) in positions)
        {
            _groups[position] = key;
        }

        _groupMean = new double[_groups.Length];
        _groupSecondMoment = new double[_groups.Length];
        _drawMeans = new double[]?[_groups.Length];
        _alive = new double[histories.Length];
        _purchases = new double[histories.Length];
    }

    /// <summary>Whether the parameters' uncertainty is in the ranges: false when the fit has no covariance (a singular Hessian, or an estimate on the boundary), so that only the purchase process is.</summary>
    public bool IncludesParameterUncertainty => _draws.Length > 0;

    /// <summary>Whether Gamma-Gamma's uncertainty (its parameters and each purchase's value) is in the revenue and CLV ranges: false without spend figures, or when the spend model fell back to the historical average.</summary>
    public bool IncludesSpendUncertainty => _spendDraws.Length > 0;

    /// <summary>Customers ranged.</summary>
    public int Count => _histories.Length;

    /// <summary>Prepares the ranges of a fit's forecasts for its customers over a period.</summary>
    /// <param name="fit">A purchase-count model of <see cref="CountModelCatalog"/>, fitted, with its covariance when it has one.</param>
    /// <param name="histories">Each customer's (x, t_x, T), in the fit's time unit.</param>
    /// <param name="period">The period after each history the purchases are counted in, in the fit's time unit; finite and ≥ 0.</param>
    /// <param name="options">Draws, seed and sample size.</param>
    /// <param name="spend">Gamma-Gamma and the customers' CLV, for the ranges of revenue and CLV; null for purchases and active customers only.</param>
    /// <exception cref="ArgumentException">The period is negative, the model is not in the catalog, a history is invalid, or the spend figures do not match the histories.</exception>
    public static ForecastRanges Compute(CountModelFit fit, PurchaseHistory[] histories, double period, RangeOptions options, RangeSpend? spend = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(options);
        if (!(period >= 0) || !double.IsFinite(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period of the ranges must be a finite number of time units, 0 or more.");
        }

        var definition = CountModelCatalog.Find(fit.Model.Name)
            ?? throw new ArgumentException($"'{fit.Model.Name}' is not a model of the catalog; ranges draw its parameters through the catalog.", nameof(fit));
        if (spend is not null)
        {
            RequireLength(spend.Customers.Length, histories.Length, "spend histories");
            RequireLength(spend.Estimate.ExpectedAverageValues.Length, histories.Length, "expected values per purchase");
            RequireLength(spend.Clv.Length, histories.Length, "CLVs");
        }

        for (var i = 0; i < histories.Length; i++)
        {
            try
            {
                histories[i].Validate();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Customer row {i + 1}: {e.Message}", nameof(histories), e);
            }
        }

        var draws = CountDraws(definition, fit.Covariance, options);
        var spendDraws = spend?.Estimate.Fit?.ModelFit.Covariance is { } spendCovariance ? SpendDraws(spendCovariance, options) : [];
        var ranges = new ForecastRanges(fit.Model, histories, period, options, spend, draws, spendDraws);
        ranges.Prepare();
        return ranges;
    }

    /// <summary>Every customer's ranges of purchases in the period (and of CLV, with spend figures); computed once, then kept.</summary>
    public CustomerRanges Customers() => _customers ??= ComputeCustomers();

    /// <summary>The ranges of the totals of all customers.</summary>
    public TotalRanges Total() => Totals(new int[_histories.Length], 1)[0];

    /// <summary>The ranges of the totals of each segment.</summary>
    /// <param name="segmentOf">Each customer's segment, 0 to <paramref name="segmentCount"/> − 1, in the order of the histories.</param>
    /// <param name="segmentCount">How many segments there are; a segment without customers gets zero ranges.</param>
    /// <exception cref="ArgumentException">The keys do not match the histories, or one is out of range.</exception>
    public IReadOnlyList<TotalRanges> Totals(ReadOnlySpan<int> segmentOf, int segmentCount)
    {
        RequireLength(segmentOf.Length, _histories.Length, "segment keys");
        ArgumentOutOfRangeException.ThrowIfNegative(segmentCount);
        var sizes = new int[segmentCount];
        for (var i = 0; i < segmentOf.Length; i++)
        {
            var segment = segmentOf[i];
            if ((uint)segment >= (uint)segmentCount)
            {
                throw new ArgumentException($"Customer row {i + 1}: segment {segment} is not between 0 and {segmentCount - 1}.", nameof(segmentOf));
            }

            sizes[segment]++;
        }

        var totals = new Moments[segmentCount];
        for (var i = 0; i < segmentOf.Length; i++)
        {
            AddCustomer(ref totals[segmentOf[i]], i);
        }

        var (sample, weights) = Sample(segmentOf, sizes);
        var shifts = DrawShifts(sample, segmentOf, weights, segmentCount);
        var withSpend = _spend is not null;
        var result = new TotalRanges[segmentCount];
        var drawCount = _draws.Length;
        for (var s = 0; s < segmentCount; s++)
        {
            var t = totals[s];
            var purchaseShifts = Column(shifts, s, Figure.Purchases, drawCount);
            result[s] = new TotalRanges(
                sizes[s],
                Range(t.Purchases, t.PurchasesVariance, purchaseShifts, whole: true),
                withSpend ? Range(t.Revenue, t.RevenueVariance, Column(shifts, s, Figure.Revenue, drawCount), whole: false) : null,
                withSpend ? Range(t.Clv, t.ClvVariance, Column(shifts, s, Figure.Clv, drawCount), whole: false) : null,
                Range(t.Active, t.ActiveVariance, Column(shifts, s, Figure.Active, drawCount), whole: true),
                StandardDeviation(purchaseShifts),
                Math.Sqrt(t.PurchasesVariance));
        }

        return result;
    }

    private enum Figure
    {
        Purchases,
        Revenue,
        Clv,
        Active,
    }

    private const int Figures = 4;

    private static IPurchaseCountModel[] CountDraws(CountModelDefinition definition, ParameterCovariance? covariance, RangeOptions options)
    {
        if (covariance is null)
        {
            return [];
        }

        var random = new Random(options.Seed);
        var normals = new double[covariance.FreeDirections];
        var values = new double[covariance.Names.Count];
        var draws = new IPurchaseCountModel[options.Draws];
        for (var d = 0; d < draws.Length; d++)
        {
            FillNormals(random, normals);
            covariance.Draw(normals, values);
            draws[d] = definition.Create(values);
        }

        return draws;
    }

    private static GammaGammaParameters[] SpendDraws(ParameterCovariance covariance, RangeOptions options)
    {
        // A stream of its own, so that the count model's draws are the same with or without spend figures.
        var random = new Random(unchecked(options.Seed * 31 + 17));
        var normals = new double[covariance.FreeDirections];
        var values = new double[covariance.Names.Count];
        var draws = new GammaGammaParameters[options.Draws];
        for (var d = 0; d < draws.Length; d++)
        {
            FillNormals(random, normals);
            covariance.Draw(normals, values);
            draws[d] = new GammaGammaParameters(values[0], values[1], values[2]);
        }

        return draws;
    }

    // Box–Muller: two uniforms to two independent standard normals; 1 − U keeps the logarithm's argument above 0.
    private static void FillNormals(Random random, Span<double> normals)
    {
        for (var k = 0; k < normals.Length; k += 2)
        {
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            normals[k] = radius * Math.Cos(angle);
            if (k + 1 < normals.Length)
            {
                normals[k + 1] = radius * Math.Sin(angle);
            }
        }
    }

    // P(alive) and expected purchases per customer at the estimates; the first two moments of P(k | active) per (x, T).
    private void Prepare()
    {
        var model = _model;
        var period = _period;
        Parallel.For(
            0,
            _groups.Length,
            () => new double[64],
            (g, _, buffer) =>
            {
                var (x, age) = _groups[g];
                var count = Distribution(model, x, age, period, MomentMass, ref buffer);
                double mean = 0, second = 0;
                for (var k = 1; k < count; k++)
                {
                    mean += k * buffer[k];
                    second += (double)k * k * buffer[k];
                }

                _groupMean[g] = model.ExpectedPurchasesIfAlive(x, age, period);
                _groupSecondMoment[g] = Math.Max(second, mean * mean);
                return buffer;
            },
            _ => { });

        Parallel.For(0, _histories.Length, i =>
        {
            var alive = model.ProbabilityAlive(_histories[i]);
            _alive[i] = alive;
            _purchases[i] = alive * _groupMean[_groupOf[i]];
        });
    }

    // P(k | active) for k = 0, 1, … until it adds up to mass, growing the buffer as a heavy buyer needs.
    private static int Distribution(IPurchaseCountModel model, int frequency, double age, double period, double mass, ref double[] buffer)
    {
        while (true)
        {
            var count = model.PurchaseCountProbabilitiesIfAlive(frequency, age, period, mass, buffer);
            if (count < buffer.Length || buffer.Length >= MaximumCount)
            {
                return count;
            }

            double total = 0, secondHalf = 0;
            for (var k = 0; k < count; k++)
            {
                total += buffer[k];
                secondHalf += k >= count / 2 ? buffer[k] : 0;
            }

            // A model whose probabilities come from numerical integration (Pareto/NBD) may sum to a hair below the mass
            // asked for; once the last doubling added less than the mass left over, the series has converged as far as
            // the integrals allow, and doubling again up to MaximumCount would only cost hours of integrals.
            if (total >= mass || secondHalf < 1 - mass)
            {
                return count;
            }

            buffer = new double[buffer.Length * 2];
        }
    }

    private CustomerRanges ComputeCustomers()
    {
        var draws = _draws.Length > 0 ? _draws.AsSpan(0, Math.Min(_options.CustomerDraws, _draws.Length)).ToArray() : [_model];
        var cumulative = new double[_groups.Length][];
        var period = _period;
        Parallel.For(
            0,
            _groups.Length,
            () => (Buffer: new double[64], Cumulatives: new double[draws.Length][], Lengths: new int[draws.Length]),
            (g, _, scratch) =>
            {
                var (x, age) = _groups[g];
                var longest = 0;
                for (var d = 0; d < draws.Length; d++)
                {
                    var count = Distribution(draws[d], x, age, period, RangeMass, ref scratch.Buffer);
                    var own = scratch.Cumulatives[d];
                    if (own is null || own.Length < count)
                    {
                        own = new double[Math.Max(count, 2 * (own?.Length ?? 32))];
                        scratch.Cumulatives[d] = own;
                    }

                    var sum = 0.0;
                    for (var k = 0; k < count; k++)
                    {
                        sum += scratch.Buffer[k];
                        own[k] = sum;
                    }

                    scratch.Lengths[d] = count;
                    longest = Math.Max(longest, count);
                }

                // The mixture's distribution function; a draw known only up to its own length stays at its last value.
                var mixture = new double[longest];
                for (var d = 0; d < draws.Length; d++)
                {
                    var own = scratch.Cumulatives[d];
                    var length = scratch.Lengths[d];
                    for (var k = 0; k < longest; k++)
                    {
                        mixture[k] += own[Math.Min(k, length - 1)];
                    }
                }

                for (var k = 0; k < longest; k++)
                {
                    mixture[k] /= draws.Length;
                }

                cumulative[g] = mixture;
                return scratch;
            },
            _ => { });

        var ranges = new CustomerRanges(_histories.Length, _spend is not null);
        var clv = _spend?.Clv;
        Parallel.For(0, _histories.Length, i =>
        {
            var mixture = cumulative[_groupOf[i]];
            var alive = _alive[i];
            var low95 = Quantile(mixture, alive, Levels[0]);
            var low80 = Quantile(mixture, alive, Levels[1]);
            var high80 = Quantile(mixture, alive, Levels[2]);
            var high95 = Quantile(mixture, alive, Levels[3]);
            ranges.PurchasesLow95[i] = low95;
            ranges.PurchasesLow80[i] = low80;
            ranges.PurchasesHigh80[i] = high80;
            ranges.PurchasesHigh95[i] = high95;
            if (clv is not null)
            {
                var perPurchase = _purchases[i] > 0 ? clv[i] / _purchases[i] : 0;
                ranges.ClvLow80![i] = low80 * perPurchase;
                ranges.ClvHigh80![i] = high80 * perPurchase;
            }
        });

        return ranges;
    }

    // The smallest k with P(X ≤ k) = 1 − P(alive) + P(alive)·F(k) ≥ level, F the mixture's distribution if active.
    private static int Quantile(double[] mixture, double alive, double level)
    {
        if (1 - alive >= level)
        {
            return 0;
        }

        var needed = 1 - ((1 - level) / alive);
        int low = 0, high = mixture.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (mixture[middle] >= needed - 1e-12)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private struct Moments
    {
        public double Purchases;
        public double PurchasesVariance;
        public double Revenue;
        public double RevenueVariance;
        public double Clv;
        public double ClvVariance;
        public double Active;
        public double ActiveVariance;
    }

    // One customer's means and variances at the estimates, given the parameters.
    private void AddCustomer(ref Moments totals, int i)
    {
        var alive = _alive[i];
        var g = _groupOf[i];
        var mean = _purchases[i];
        var second = alive * _groupSecondMoment[g];
        var variance = Math.Max(second - (mean * mean), 0);
        totals.Purchases += mean;
        totals.PurchasesVariance += variance;
        totals.Active += alive;
        totals.ActiveVariance += alive * (1 - alive);
        if (_spend is not { } spend)
        {
            return;
        }

        // R = Σ_{j ≤ X} Z_j with Z_j ~ Gamma(p, ν) given ν, ν from its posterior: Var R = E[X]·E[p/ν²] + E[X²]·E[(p/ν)²] − E[X]²·E[p/ν]².
        var value = spend.Estimate.ExpectedAverageValues[i];
        var (meanSquare, spread) = SpendMoments(spend, i, value);
        var revenueVariance = Math.Max((mean * spread) + (second * meanSquare) - (mean * mean * value * value), 0);
        var revenue = mean * value;
        var ratio = revenue > 0 ? spend.Clv[i] / revenue : 0;
        totals.Revenue += revenue;
        totals.RevenueVariance += revenueVariance;
        totals.Clv += spend.Clv[i];
        totals.ClvVariance += ratio * ratio * revenueVariance;
    }

    // E[(p/ν)²] and E[p/ν²] under ν's posterior Gamma(q' = p·x + q, γ' = γ + x·m̄): v²·(q'−1)/(q'−2) and v²·(q'−1)/(p·(q'−2)),
    // v = p·γ'/(q'−1). Where they are infinite (q' ≤ 2) or the value is the historical average, the value is taken as known.
    private static (double MeanSquare, double Spread) SpendMoments(RangeSpend spend, int i, double value)
    {
        var customer = spend.Customers[i];
        if (spend.Estimate.Fit is not { } fit || !spend.Estimate.ValuesByModel(customer.Frequency))
        {
            return (value * value, 0);
        }

        var parameters = fit.Parameters;
        var shape = (parameters.P * customer.Frequency) + parameters.Q;
        if (!(shape > 2))
        {
            return (value * value, 0);
        }

        var factor = (shape - 1) / (shape - 2);
        return (value * value * factor, value * value * factor / parameters.P);
    }

    // Per segment, up to SampleCustomersPerSegment customers evenly spaced through it, each standing for size/sampled.
    private (int[] Sample, double[] Weights) Sample(ReadOnlySpan<int> segmentOf, int[] sizes)
    {
        var target = _options.SampleCustomersPerSegment;
        var weights = new double[sizes.Length];
        var taken = 0;
        for (var s = 0; s < sizes.Length; s++)
        {
            var sampled = Math.Min(sizes[s], target);
            weights[s] = sampled > 0 ? (double)sizes[s] / sampled : 0;
            taken += sampled;
        }

        var sample = new int[taken];
        var seen = new int[sizes.Length];
        var next = 0;
        for (var i = 0; i < segmentOf.Length; i++)
        {
            var s = segmentOf[i];
            var rank = seen[s]++;
            var size = sizes[s];
            if (size <= target || ((long)(rank + 1) * target / size) > ((long)rank * target / size))
            {
                sample[next++] = i;
            }
        }

        return (sample, weights);
    }

    // For each draw and segment, how much each figure's total moves from its value at the estimates.
    private double[] DrawShifts(int[] sample, ReadOnlySpan<int> segmentOf, double[] weights, int segmentCount)
    {
        var drawCount = _draws.Length;
        var shifts = new double[drawCount * segmentCount * Figures];
        if (drawCount == 0)
        {
            return shifts;
        }

        var segments = new int[sample.Length];
        for (var j = 0; j < sample.Length; j++)
        {
            segments[j] = segmentOf[sample[j]];
        }

        var spend = _spend;
        var spendDraws = _spendDraws;
        Parallel.For(0, drawCount, d =>
        {
            var model = _draws[d];
            GammaGammaParameters? spendDraw = spendDraws.Length > 0 ? spendDraws[d] : null;
            var row = shifts.AsSpan(d * segmentCount * Figures, segmentCount * Figures);
            for (var j = 0; j < sample.Length; j++)
            {
                var i = sample[j];
                var s = segments[j];
                var weight = weights[s];
                var alive = model.ProbabilityAlive(_histories[i]);
                var purchases = alive * DrawMean(_groupOf[i], d);
                row[(s * Figures) + (int)Figure.Purchases] += weight * (purchases - _purchases[i]);
                row[(s * Figures) + (int)Figure.Active] += weight * (alive - _alive[i]);
                if (spend is not null)
                {
                    var value = spend.Estimate.ExpectedAverageValues[i];
                    var drawnValue = spendDraw is null ? value : DrawnValue(spend, spendDraw, i, value);
                    var revenue = _purchases[i] * value;
                    var change = (purchases * drawnValue) - revenue;
                    var ratio = revenue > 0 ? spend.Clv[i] / revenue : 0;
                    row[(s * Figures) + (int)Figure.Revenue] += weight * change;
                    row[(s * Figures) + (int)Figure.Clv] += weight * ratio * change;
                }
            }
        });

        return shifts;
    }

    // E[Y(period) | active, x, T] under draw d, computed the first time a sampled customer of the group needs it; each
    // draw runs on one thread and writes only its own slot.
    private double DrawMean(int group, int d)
    {
        var means = _drawMeans[group];
        if (means is null)
        {
            var fresh = new double[_draws.Length];
            Array.Fill(fresh, double.NaN);
            means = Interlocked.CompareExchange(ref _drawMeans[group], fresh, null) ?? fresh;
        }

        var mean = means[d];
        if (double.IsNaN(mean))
        {
            var (x, age) = _groups[group];
            mean = _draws[d].ExpectedPurchasesIfAlive(x, age, _period);
            means[d] = mean;
        }

        return mean;
    }

    // Gamma-Gamma's expected value per purchase under drawn parameters; the customer's own where the model does not value
    // them, or where the draw's posterior mean is unbounded (p·x + q ≤ 1).
    private static double DrawnValue(RangeSpend spend, GammaGammaParameters draw, int i, double value)
    {
        var customer = spend.Customers[i];
        if (!spend.Estimate.ValuesByModel(customer.Frequency) || !(draw.P * customer.Frequency + draw.Q > 1))
        {
            return value;
        }

        return draw.ConditionalExpectedAverageValue(customer.Frequency, Math.Max(0, customer.MonetaryValue));
    }

    // A draw far out in a tail can put a model where a formula gives no finite number; such a draw is left out of
    // every figure rather than turning the range into NaN.
    private static double[] Column(double[] shifts, int segment, Figure figure, int drawCount)
    {
        var segmentCount = drawCount == 0 ? 0 : shifts.Length / (drawCount * Figures);
        var column = new List<double>(drawCount);
        for (var d = 0; d < drawCount; d++)
        {
            var row = shifts.AsSpan(d * segmentCount * Figures, segmentCount * Figures);
            var finite = true;
            foreach (var value in row)
            {
                finite &= double.IsFinite(value);
            }

            if (finite)
            {
                column.Add(row[(segment * Figures) + (int)figure]);
            }
        }

        return [.. column];
    }

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += (value - mean) * (value - mean);
        }

        return Math.Sqrt(sum / (values.Length - 1));
    }

    // The bounds of the mixture over draws of Normal(centre + shift_d, variance), by bisection on its distribution function.
    private static ForecastRange Range(double centre, double variance, double[] shifts, bool whole)
    {
        var spread = Math.Sqrt(variance);
        Span<double> bounds = stackalloc double[Levels.Length];
        for (var l = 0; l < Levels.Length; l++)
        {
            bounds[l] = MixtureQuantile(centre, spread, shifts, Levels[l]);
        }

        if (whole)
        {
            return new ForecastRange(centre, Math.Max(Math.Floor(bounds[1]), 0), Math.Max(Math.Ceiling(bounds[2]), 0), Math.Max(Math.Floor(bounds[0]), 0), Math.Max(Math.Ceiling(bounds[3]), 0));
        }

        return new ForecastRange(centre, Math.Max(bounds[1], 0), Math.Max(bounds[2], 0), Math.Max(bounds[0], 0), Math.Max(bounds[3], 0));
    }

    private static double MixtureQuantile(double centre, double spread, double[] shifts, double level)
    {
        if (shifts.Length == 0)
        {
            return centre + (spread * Normal.InvCdf(level));
        }

        double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        foreach (var shift in shifts)
        {
            lowest = Math.Min(lowest, shift);
            highest = Math.Max(highest, shift);
        }

        var low = centre + lowest - (9 * spread);
        var high = centre + highest + (9 * spread);
        var tolerance = 1e-9 * Math.Max(Math.Abs(centre) + spread + (highest - lowest), 1);
        while (high - low > tolerance)
        {
            var middle = (low + high) / 2;
            if (MixtureCdf(middle, centre, spread, shifts) < level)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    private static double MixtureCdf(double value, double centre, double spread, double[] shifts)
    {
        var sum = 0.0;
        foreach (var shift in shifts)
        {
            var distance = value - centre - shift;
            sum += spread > 0 ? 0.5 * SpecialFunctions.Erfc(-distance / (spread * Math.Sqrt(2))) : (distance >= 0 ? 1 : 0);
        }

        return sum / shifts.Length;
    }

    private static void RequireLength(int length, int expected, string what)
    {
        if (length != expected)
        {
            throw new ArgumentException($"There are {expected} customers but {length} {what}.");
        }
    }

    private static class Normal
    {
        public static double InvCdf(double level) => -Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * level);
    }
}
