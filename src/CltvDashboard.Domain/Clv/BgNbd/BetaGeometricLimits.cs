using System.Globalization;
using CltvDashboard.Domain.Clv.Fitting;
using CltvDashboard.Domain.Clv.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>
/// The BG/NBD family at the edges of its parameter space, where the optimiser runs off along a ridge instead of
/// converging: a + b → ∞ at a fixed a/(a + b) (the Beta collapses to one dropout probability p for everyone) and
/// a → 0 (p = 0: nobody drops out, the NBD). Each limit is a model with one parameter fewer whose maximum is interior;
/// it is fitted on its own, and when it is as likely as where the full fit stopped, the fit is reported as that limit.
/// </summary>
internal static class BetaGeometricLimits
{
    /// <summary>
    /// Above this a + b (polarisation 1/(a+b+1) below 1e-6) the Beta is taken as its point mass at a/(a+b): the
    /// predictions use the limit's closed forms, which differ from the Beta's by less than one part in a million.
    /// </summary>
    public const double PointMassConcentration = 1e6;

    /// <summary>a + b with which a limit fit is stored: beyond <see cref="PointMassConcentration"/>, and small enough that
    /// ln Γ(a + b) keeps eight digits in any formula that still takes the Beta literally.</summary>
    public const double StoredConcentration = 1e7;

    // Below this mean dropout probability a fit is tested against no dropout at all.
    private const double LittleDropout = 0.01;
    private const double NoDropoutCriticalValue = 2.71;

    // The stored p of the no-dropout limit stays positive so that a and b stay valid.
    private const double StoredNoDropout = 1e-12;

    // The one-dropout-probability limit is reported when its log-likelihood is within this of where the full fit
    // stopped: closer than any test could tell, and within the rounding of ln Γ at a + b beyond 1e6.
    private const double SameLikelihood = 0.5;

    public static MaximumLikelihoodResult? Check(MaximumLikelihoodResult fit, HistoryTable table, int shift, string modelName)
    {
        var (r, alpha, a, b) = (fit.Estimates[0], fit.Estimates[1], fit.Estimates[2], fit.Estimates[3]);
        var pointMass = a + b > PointMassConcentration;
        var littleDropout = a < MaximumLikelihood.LowerBoundary || a / (a + b) < LittleDropout;
        if (!pointMass && !littleDropout)
        {
            return null;
        }

        var start = new[] { Math.Log(r), Math.Log(alpha) };
        MaximumLikelihoodResult? fixedDropout = null;
        if (pointMass)
        {
            fixedDropout = MaximumLikelihood.Fit(
                ["r", "alpha", "dropout odds"], new FixedDropout(table, shift, freeDropout: true).Evaluate, table.TotalWeight, [[.. start, Math.Log(a) - Math.Log(b)]]);
        }

        // No dropout (the NBD) is the limit whenever the data cannot tell the fit from it: a likelihood-ratio test at
        // the 5 % level, whose critical value for a parameter on its boundary is χ²₁'s 90 % point, 2.71.
        var nbd = MaximumLikelihood.Fit(["r", "alpha"], new FixedDropout(table, shift, freeDropout: false).Evaluate, table.TotalWeight, [start]);
        var best = Math.Max(fit.LogLikelihood, fixedDropout?.LogLikelihood ?? double.NegativeInfinity);
        MaximumLikelihoodResult limit;
        double p;
        if (2 * (best - nbd.LogLikelihood) < NoDropoutCriticalValue)
        {
            (limit, p) = (nbd, 0.0);
        }
        else if (fixedDropout is not null && fixedDropout.LogLikelihood >= fit.LogLikelihood - SameLikelihood)
        {
            (limit, p) = (fixedDropout, fixedDropout.Estimates[2] / (1 + fixedDropout.Estimates[2]));
        }
        else
        {
            return null;
        }

        var stored = Math.Max(p, StoredNoDropout);
        var sentence = p == 0
            ? NoDropoutLimit.Sentence(modelName, a < MaximumLikelihood.LowerBoundary ? "a" : "mean dropout probability a/(a+b)")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Every customer has the same chance of dropping out after a purchase: {modelName}'s a and b grew without limit at a/(a+b) = {p:P1}, so the model predicts as that limit, with no spread in loyalty between customers.");
        var warnings = new List<string> { sentence };
        warnings.AddRange(limit.Diagnostics.Warnings.Where(w => !w.Contains("boundary", StringComparison.Ordinal)));
        var diagnostics = new FitDiagnostics(
            limit.Diagnostics.Converged,
            fit.Diagnostics.Iterations + limit.Diagnostics.Iterations,
            fit.Diagnostics.FunctionEvaluations + limit.Diagnostics.FunctionEvaluations,
            p == 0 ? ["a"] : ["a", "b"],
            warnings)
        {
            Limits = [sentence],
        };
        var standardErrors = new Dictionary<string, double?>
        {
            ["r"] = limit.StandardErrors["r"],
            ["alpha"] = limit.StandardErrors["alpha"],
            ["a"] = null,
            ["b"] = null,
        };
        double[] estimates = [limit.Estimates[0], limit.Estimates[1], stored * StoredConcentration, (1 - stored) * StoredConcentration];
        return new MaximumLikelihoodResult(estimates, limit.LogLikelihood, standardErrors, diagnostics, LimitCovariance(limit, estimates, p));
    }

    // The limit's free log-parameters mapped onto ln r, ln α, ln a, ln b: r and α as they are; with one dropout
    // probability, a = C·p and b = C·(1 − p) at the fixed concentration C, p = odds/(1 + odds), so
    // ∂ln a/∂ln odds = 1 − p and ∂ln b/∂ln odds = −p; with no dropout, a and b stay where they are.
    private static ParameterCovariance? LimitCovariance(MaximumLikelihoodResult limit, double[] estimates, double p)
    {
        var jacobian = Matrix<double>.Build.Dense(4, limit.Estimates.Length);
        jacobian[0, 0] = 1;
        jacobian[1, 1] = 1;
        if (limit.Estimates.Length == 3)
        {
            jacobian[2, 2] = 1 - p;
            jacobian[3, 2] = -p;
        }

        return ParameterCovariance.FromLimit(BetaGeometricFitter.Names, estimates, limit.Covariance, jacobian);
    }

    /// <summary>
    /// ln L of one customer when every customer drops out with the same probability p after a purchase (after the
    /// first one too when <paramref name="shift"/> = 1): the Beta terms B(a, b+x+s)/B(a, b) and a/(b+x+s−1) become
    /// (1−p)^(x+s) and p/(1−p).
    /// </summary>
    public static double LogLikelihood(double r, double alpha, double p, int shift, int x, double recency, double age)
    {
        var alive = -(r + x) * Math.Log(alpha + age);
        var total = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + ((x + shift) * LogMath.Log1p(-p));
        if (x + shift == 0)
        {
            return total + alive;
        }

        var dead = Math.Log(p) - LogMath.Log1p(-p) - ((r + x) * Math.Log(alpha + recency));
        return total + LogMath.LogAddExp(alive, dead);
    }

    /// <summary>
    /// E[Y(t) | active at T, x, T] with one dropout probability p: dropouts come at rate λp, so the expected purchases
    /// are E[(1 − e^(−λpt)) / p] over λ ~ Gamma(r + x, α + T), that is (1 − ((α+T)/(α+T+pt))^(r+x)) / p.
    /// </summary>
    public static double ExpectedPurchasesIfAlive(double r, double alpha, double p, int x, double age, double t) =>
        t <= 0 ? 0.0 : -LogMath.Expm1(-(r + x) * LogMath.Log1p(p * t / (alpha + age))) / p;

    /// <summary>The total negative log-likelihood of the fixed-dropout model over the table, in (ln r, ln α[, logit p]).</summary>
    private sealed class FixedDropout(HistoryTable table, int shift, bool freeDropout)
    {
        public double Evaluate(ReadOnlySpan<double> point, Span<double> gradient)
        {
            var r = Math.Exp(point[0]);
            var alpha = Math.Exp(point[1]);
            var logit = freeDropout ? point[2] : double.NegativeInfinity;
            if (!double.IsFinite(r + alpha) || r <= 0 || alpha <= 0 || double.IsNaN(logit) || double.IsPositiveInfinity(logit))
            {
                return double.NaN;
            }

            // ln(1 − p) = −ln(1 + e^θ) and ln(p/(1−p)) = θ for p = logistic(θ).
            var logStay = freeDropout ? -Softplus(logit) : 0.0;
            var p = freeDropout ? LogMath.Logistic(logit) : 0.0;
            var logGammaR = SpecialFunctions.GammaLn(r);
            var psiR = SpecialFunctions.DiGamma(r);
            var logAlpha = Math.Log(alpha);
            var sums = new double[3];
            var value = ParallelSum.Run(table.Count, sums, (start, end, g) =>
            {
                var sum = 0.0;
                for (var i = start; i < end; i++)
                {
                    var x = table.Frequency[i];
                    var w = table.Weight[i];
                    var rx = r + x;
                    var logAlphaT = Math.Log(alpha + table.T[i]);
                    var alive = -rx * logAlphaT;
                    var row = SpecialFunctions.GammaLn(rx) - logGammaR + (r * logAlpha) + ((x + shift) * logStay);
                    var dr = SpecialFunctions.DiGamma(rx) - psiR + logAlpha;
                    var dAlpha = r / alpha;
                    if (!freeDropout || x + shift == 0)
                    {
                        sum += w * (row + alive);
                        g[0] += w * (dr - logAlphaT);
                        g[1] += w * (dAlpha - (rx / (alpha + table.T[i])));
                        g[2] += w * (-(x + shift) * p);
                        continue;
                    }

                    var logAlphaTx = Math.Log(alpha + table.Recency[i]);
                    var dead = logit - (rx * logAlphaTx);
                    var logSum = LogMath.LogAddExp(alive, dead);
                    var share = Math.Exp(dead - logSum);
                    sum += w * (row + logSum);
                    g[0] += w * (dr - (((1 - share) * logAlphaT) + (share * logAlphaTx)));
                    g[1] += w * (dAlpha - (rx * (((1 - share) / (alpha + table.T[i])) + (share / (alpha + table.Recency[i])))));
                    g[2] += w * (share - ((x + shift) * p));
                }

                return sum;
            });

            // Chain rule to ln r and ln α; the logit's derivative is already in θ. Negated: the optimiser minimises.
            gradient[0] = -sums[0] * r;
            gradient[1] = -sums[1] * alpha;
            if (freeDropout)
            {
                gradient[2] = -sums[2];
            }

            return -value;
        }

        private static double Softplus(double x) => x > 0 ? x + LogMath.Log1p(Math.Exp(-x)) : LogMath.Log1p(Math.Exp(x));
    }
}
