namespace CltvDashboard.Domain.Clv.Numerics;

/// <summary>An objective and its gradient at a point; returns +∞ or NaN where it is undefined.</summary>
internal delegate double Objective(ReadOnlySpan<double> point, Span<double> gradient);

/// <summary>The end state of <see cref="QuasiNewton.Minimize"/>.</summary>
internal sealed record MinimizationResult(double[] Point, double Value, double[] Gradient, bool Converged, int Iterations, int Evaluations, string Reason);

/// <summary>
/// BFGS with a backtracking Armijo line search (Nocedal &amp; Wright 2006, algorithm 6.1) for smooth objectives in a
/// handful of unconstrained coordinates. Non-finite trial values shrink the step, so a likelihood that
/// overflows far from the optimum only slows the search instead of poisoning it. Steps are capped in each
/// coordinate because the coordinates are log-parameters, where a step of 5 already means a factor of e^5.
/// </summary>
internal static class QuasiNewton
{
    public static MinimizationResult Minimize(
        Objective objective,
        double[] start,
        double gradientTolerance = 1e-9,
        double relativeValueTolerance = 1e-14,
        int maxIterations = 1000,
        double maxStep = 5.0,
        double coordinateLimit = 30.0)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var evaluations = 1;
        var f = objective(x, g);
        if (!double.IsFinite(f) || !AllFinite(g))
        {
            return new MinimizationResult(x, f, g, false, 0, evaluations, "the objective is not finite at the starting point");
        }

        var h = Identity(n);
        var direction = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var s = new double[n];
        var y = new double[n];
        var stalls = 0;

        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (MaxAbs(g) < gradientTolerance)
            {
                return new MinimizationResult(x, f, g, true, iteration - 1, evaluations, "gradient below tolerance");
            }

            Multiply(h, g, direction, -1.0);
            var slope = Dot(g, direction);
            if (!(slope < 0))
            {
                h = Identity(n);
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -g[i];
                }

                slope = Dot(g, direction);
            }

            var scale = Math.Min(1.0, maxStep / Math.Max(MaxAbs(direction), 1e-300));
            var step = scale;
            double trialValue = double.NaN;
            var accepted = false;
            for (var attempt = 0; attempt < 60; attempt++)
            {
                // Once the decrease the step promises is below the rounding noise of f, no trial can show it:
                // further halving would only spend evaluations.
                if (-step * slope < 1e-15 * Math.Max(1.0, Math.Abs(f)))
                {
                    break;
                }

                for (var i = 0; i < n; i++)
                {
                    trial[i] = Math.Clamp(x[i] + step * direction[i], -coordinateLimit, coordinateLimit);
                }

                evaluations++;
                trialValue = objective(trial, trialGradient);
                if (double.IsFinite(trialValue) && AllFinite(trialGradient) && trialValue <= f + 1e-4 * step * slope)
                {
                    accepted = true;
                    break;
                }

                step *= double.IsFinite(trialValue) ? 0.5 : 0.1;
            }

            if (!accepted)
            {
                var flat = MaxAbs(g) < Math.Sqrt(gradientTolerance);
                return new MinimizationResult(x, f, g, flat, iteration, evaluations, flat
                    ? "no further decrease possible at machine precision"
                    : "the line search found no decrease");
            }

            for (var i = 0; i < n; i++)
            {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - g[i];
            }

            var change = f - trialValue;
            Array.Copy(trial, x, n);
            Array.Copy(trialGradient, g, n);
            f = trialValue;

            stalls = change <= relativeValueTolerance * Math.Max(1.0, Math.Abs(f)) ? stalls + 1 : 0;
            if (stalls >= 3)
            {
                return new MinimizationResult(x, f, g, true, iteration, evaluations, "objective no longer decreasing");
            }

            var sy = Dot(s, y);
            if (sy > 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y)))
            {
                if (iteration == 1)
                {
                    var gamma = sy / Dot(y, y);
                    for (var i = 0; i < n; i++)
                    {
                        h[i, i] = gamma;
                    }
                }

                UpdateInverseHessian(h, s, y, sy);
            }
        }

        return new MinimizationResult(x, f, g, false, maxIterations, evaluations, "iteration limit reached");
    }

    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s).
    private static void UpdateInverseHessian(double[,] h, double[] s, double[] y, double sy)
    {
        var n = s.Length;
        var rho = 1.0 / sy;
        var hy = new double[n];
        Multiply(h, y, hy, 1.0);
        var yhy = Dot(y, hy);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                h[i, j] += (rho * rho * yhy + rho) * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
            }
        }
    }

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            m[i, i] = 1.0;
        }

        return m;
    }

    private static void Multiply(double[,] m, double[] v, double[] result, double factor)
    {
        for (var i = 0; i < v.Length; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < v.Length; j++)
            {
                sum += m[i, j] * v[j];
            }

            result[i] = factor * sum;
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double MaxAbs(double[] v)
    {
        var max = 0.0;
        foreach (var value in v)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }

    private static bool AllFinite(double[] v)
    {
        foreach (var value in v)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
