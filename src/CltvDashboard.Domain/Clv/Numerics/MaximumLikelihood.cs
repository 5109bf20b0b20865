using MathNet.Numerics.LinearAlgebra;

namespace CltvDashboard.Domain.Clv.Numerics;

/// <summary>
/// The total negative log-likelihood of a model at log-parameters; writes its gradient with respect to the
/// log-parameters into <c>gradient</c>. Returns +∞ or NaN where undefined.
/// </summary>
internal delegate double NegativeLogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient);

/// <summary>What <see cref="MaximumLikelihood.Fit"/> found.</summary>
internal sealed record MaximumLikelihoodResult(
    double[] Estimates,
    double LogLikelihood,
    IReadOnlyDictionary<string, double?> StandardErrors,
    FitDiagnostics Diagnostics,
    ParameterCovariance? Covariance = null);

/// <summary>
/// Maximum-likelihood estimation of positive parameters: quasi-Newton on log-parameters (so positivity
/// needs no constraint), standard errors from a finite-difference Hessian of the analytic gradient, and a
/// report that names boundary estimates and singular directions instead of returning a silent bad fit.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>Estimates below this are reported as on the lower boundary (the log-parameter ran off to −∞).</summary>
    public const double LowerBoundary = 1e-5;

    /// <summary>Estimates above this are reported as on the upper boundary.</summary>
    public const double UpperBoundary = 1e7;

    public static MaximumLikelihoodResult Fit(
        IReadOnlyList<string> names,
        NegativeLogLikelihood negativeLogLikelihood,
        double customers,
        IEnumerable<double[]> starts,
        IReadOnlyList<double>? displayScales = null)
    {
        var n = names.Count;

        // The optimiser sees the mean per customer, so its tolerances do not depend on the sample size.
        double Mean(ReadOnlySpan<double> point, Span<double> gradient)
        {
            var value = negativeLogLikelihood(point, gradient);
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] /= customers;
            }

            return value / customers;
        }

        MinimizationResult? best = null;
        var evaluations = 0;
        foreach (var start in starts)
        {
            var result = QuasiNewton.Minimize(Mean, start);
            evaluations += result.Evaluations;
            if (double.IsFinite(result.Value) && (best is null || result.Value < best.Value - 1e-12 || (!best.Converged && result.Converged && result.Value <= best.Value + 1e-9)))
            {
                best = result;
            }

            // Later starts are insurance against a failed or boundary fit; an interior optimum needs no second opinion.
            if (best is { Converged: true } && best.Point.All(p => p > Math.Log(LowerBoundary) && p < Math.Log(UpperBoundary)))
            {
                break;
            }
        }

        if (best is null)
        {
            throw new ModelFitException("The log-likelihood could not be evaluated at any starting point; the data may be degenerate.");
        }

        var estimates = best.Point.Select(Math.Exp).ToArray();

        // A model may optimise in rescaled units (spend divided by its typical size); people read the original.
        double Shown(int i) => estimates[i] * (displayScales?[i] ?? 1.0);

        var warnings = new List<string>();
        var onBoundary = new List<string>();
        for (var i = 0; i < n; i++)
        {
            if (estimates[i] < LowerBoundary)
            {
                onBoundary.Add(names[i]);
                warnings.Add($"{names[i]} = {Shown(i):G3} lies on the lower boundary of the parameter space (its estimate tends to 0).");
            }
            else if (estimates[i] > UpperBoundary)
            {
                onBoundary.Add(names[i]);
                warnings.Add($"{names[i]} = {Shown(i):G3} lies on the upper boundary of the parameter space (its estimate grows without limit).");
            }
        }

        if (!best.Converged)
        {
            warnings.Add($"The optimiser did not converge: {best.Reason}.");
        }

        var (standardErrors, covariance) = StandardErrors(names, negativeLogLikelihood, best.Point, estimates, warnings);
        var diagnostics = new FitDiagnostics(best.Converged, best.Iterations, evaluations, onBoundary, warnings);
        return new MaximumLikelihoodResult(estimates, -best.Value * customers, standardErrors, diagnostics, covariance);
    }

    // The Hessian in log-coordinates by central differences of the analytic gradient; at the optimum the
    // delta method gives SE(θ) = θ · SE(log θ). The inverse Hessian itself is kept as the log-parameters' covariance,
    // from which the ranges draw parameters; only an invertible Hessian of a fit off the boundary gives one.
    private static (Dictionary<string, double?> StandardErrors, ParameterCovariance? Covariance) StandardErrors(
        IReadOnlyList<string> names,
        NegativeLogLikelihood negativeLogLikelihood,
        double[] logEstimates,
        double[] estimates,
        List<string> warnings)
    {
        var n = names.Count;
        var result = names.ToDictionary(name => name, _ => (double?)null);
        const double step = 1e-4;
        var hessian = Matrix<double>.Build.Dense(n, n);
        var plus = new double[n];
        var minus = new double[n];
        var point = (double[])logEstimates.Clone();
        for (var j = 0; j < n; j++)
        {
            point[j] = logEstimates[j] + step;
            var fPlus = negativeLogLikelihood(point, plus);
            point[j] = logEstimates[j] - step;
            var fMinus = negativeLogLikelihood(point, minus);
            point[j] = logEstimates[j];
            if (!double.IsFinite(fPlus) || !double.IsFinite(fMinus))
            {
                warnings.Add("Standard errors are unavailable: the log-likelihood is not finite next to the estimates.");
                return (result, null);
            }

            for (var i = 0; i < n; i++)
            {
                hessian[i, j] = (plus[i] - minus[i]) / (2 * step);
            }
        }

        hessian = (hessian + hessian.Transpose()) / 2;
        var threshold = 1e-10 * Math.Max(1.0, hessian.L1Norm());
        if (!hessian.ForAll(double.IsFinite) || hessian.Evd().EigenValues.Any(e => !(e.Real > threshold)))
        {
            warnings.Add("Standard errors are unavailable: the log-likelihood is flat in some direction at the estimates (the Hessian is singular).");
            return (result, null);
        }

        var covariance = hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n));
        for (var i = 0; i < n; i++)
        {
            var variance = covariance[i, i];
            result[names[i]] = variance > 0 && double.IsFinite(variance) ? estimates[i] * Math.Sqrt(variance) : null;
        }

        var interior = estimates.All(e => e >= LowerBoundary && e <= UpperBoundary);
        return (result, interior ? ParameterCovariance.FromLogCovariance(names, estimates, covariance) : null);
    }
}
