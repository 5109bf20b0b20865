namespace CltvDashboard.Domain.Tests.Support;

/// <summary>One axis of a <see cref="GridPosterior"/>: an interval of the integration variable, its step, and the parameter at each point.</summary>
/// <param name="Low">The interval's lower end; the density must be negligible below it.</param>
/// <param name="High">The interval's upper end; the density must be negligible above it.</param>
/// <param name="Step">The trapezoidal rule's step.</param>
/// <param name="Parameter">The model parameter at a value of the variable (e.g. λ = e^v).</param>
internal sealed record GridAxis(double Low, double High, double Step, Func<double, double> Parameter);

/// <summary>
/// A customer's posterior over two parameters (purchase rate and dropout) as a mixture of "alive at T" and "dropped out
/// by T", integrated by the trapezoidal rule on a uniform grid in variables where the density is smooth and decays
/// at both ends (logarithms, logits). There the rule converges exponentially fast in 1/step (Trefethen &amp; Weideman
/// 2014, "The exponentially convergent trapezoidal rule", SIAM Review 56(3)); every expectation is also taken on the
/// grid of twice the step, and a difference above 1e-9 between the two is reported as an unresolved integral.
/// </summary>
internal sealed class GridPosterior
{
    private const double ConvergenceTolerance = 1e-9;

    private readonly double[] _first;
    private readonly double[] _second;
    private readonly double[] _alive;
    private readonly double[] _aliveCoarse;
    private readonly double _dead;
    private readonly double _deadCoarse;

    /// <summary>Lays the grid and weighs each point by the posterior.</summary>
    /// <param name="first">The first variable's axis.</param>
    /// <param name="second">The second variable's axis.</param>
    /// <param name="logAlive">ln of prior × likelihood-if-alive-at-T × the Jacobian, in the two variables, up to a constant.</param>
    /// <param name="logDead">The same for having dropped out by T (the same constant); null when that cannot have happened.</param>
    public GridPosterior(GridAxis first, GridAxis second, Func<double, double, double> logAlive, Func<double, double, double>? logDead)
    {
        var firstPoints = Points(first);
        var secondPoints = Points(second);
        _first = [.. firstPoints.Select(first.Parameter)];
        _second = [.. secondPoints.Select(second.Parameter)];
        var aliveLogs = new double[_first.Length * _second.Length];
        var deadLogs = new double[aliveLogs.Length];
        for (var i = 0; i < _first.Length; i++)
        {
            for (var j = 0; j < _second.Length; j++)
            {
                aliveLogs[i * _second.Length + j] = logAlive(firstPoints[i], secondPoints[j]);
                deadLogs[i * _second.Length + j] = logDead?.Invoke(firstPoints[i], secondPoints[j]) ?? double.NegativeInfinity;
            }
        }

        var largest = Math.Max(aliveLogs.Max(), deadLogs.Max());
        (_alive, _dead) = Weights(aliveLogs, deadLogs, largest, coarse: false);
        (_aliveCoarse, _deadCoarse) = Weights(aliveLogs, deadLogs, largest, coarse: true);
        Check(1 - _dead, 1 - _deadCoarse, "P(alive)");
    }

    /// <summary>P(alive at T | history), from the grid.</summary>
    public double ProbabilityAlive => 1 - _dead;

    /// <summary>E[f(first, second) · 1{alive at T} + <paramref name="ifDead"/> · 1{dropped out by T} | history].</summary>
    public double Expectation(Func<double, double, double> ifAlive, double ifDead)
    {
        var fine = ifDead * _dead;
        var coarse = ifDead * _deadCoarse;
        for (var i = 0; i < _first.Length; i++)
        {
            for (var j = 0; j < _second.Length; j++)
            {
                var index = i * _second.Length + j;
                if (_alive[index] == 0)
                {
                    continue;
                }

                var value = ifAlive(_first[i], _second[j]);
                fine += _alive[index] * value;
                coarse += _aliveCoarse[index] * value;
            }
        }

        Check(fine, coarse, "an expectation");
        return fine;
    }

    private (double[] Alive, double Dead) Weights(double[] aliveLogs, double[] deadLogs, double largest, bool coarse)
    {
        var alive = new double[aliveLogs.Length];
        var dead = 0.0;
        var total = 0.0;
        for (var i = 0; i < _first.Length; i++)
        {
            for (var j = 0; j < _second.Length; j++)
            {
                // The coarse grid takes every other point of each axis, each worth four of the fine grid's.
                if (coarse && (i % 2 != 0 || j % 2 != 0))
                {
                    continue;
                }

                var index = i * _second.Length + j;
                alive[index] = Math.Exp(aliveLogs[index] - largest);
                var deadWeight = Math.Exp(deadLogs[index] - largest);
                dead += deadWeight;
                total += alive[index] + deadWeight;
            }
        }

        for (var index = 0; index < alive.Length; index++)
        {
            alive[index] /= total;
        }

        return (alive, dead / total);
    }

    private static double[] Points(GridAxis axis)
    {
        var count = (int)Math.Ceiling((axis.High - axis.Low) / axis.Step);
        return [.. Enumerable.Range(0, count + 1).Select(i => axis.Low + i * axis.Step)];
    }

    private static void Check(double fine, double coarse, string what)
    {
        if (Math.Abs(fine - coarse) > ConvergenceTolerance)
        {
            throw new InvalidOperationException($"The grid does not resolve {what}: {fine} on the fine grid, {coarse} on the coarse one.");
        }
    }
}
