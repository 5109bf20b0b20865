using CltvDashboard.Domain.Clv.Fitting;
using CltvDashboard.Domain.Clv.Numerics;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;

namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>
/// Maximum-likelihood fitting of the BG/NBD family. Each evaluation walks the distinct (x, t_x, T) rows once;
/// the Γ and ψ terms that depend on x alone are summed per distinct x, and ln(α + t) per distinct t, so a row
/// costs one exponential and one logarithm.
/// </summary>
internal static class BetaGeometricFitter
{
    public static readonly string[] Names = ["r", "alpha", "a", "b"];

    // Above this many customers a pilot fit on an evenly spaced sample of PilotSize of them supplies the starting
    // point: the full fit then needs a handful of evaluations instead of a few dozen.
    private const int PilotThreshold = 200_000;
    private const int PilotSize = 50_000;

    public static MaximumLikelihoodResult Fit(ReadOnlySpan<PurchaseHistory> customers, int shift, string modelName)
    {
        if (customers.IsEmpty)
        {
            throw new ModelFitException($"The {modelName} model needs at least one customer; none were given.");
        }

        var table = HistoryTable.Create(customers);
        var repeatPurchases = 0.0;
        var totalAge = 0.0;
        for (var i = 0; i < table.Count; i++)
        {
            repeatPurchases += table.Weight[i] * table.Frequency[i];
            totalAge += table.Weight[i] * table.T[i];
        }

        if (repeatPurchases == 0)
        {
            throw new ModelFitException(
                $"No customer made a repeat purchase, so the {modelName} model cannot tell how often customers buy or when they leave. It needs customers who bought on at least two different days.");
        }

        if (totalAge <= 0)
        {
            throw new ModelFitException(
                $"Every customer's first purchase is on the calibration end, so there is no time in which to observe repeat purchases; move the calibration end later.");
        }

        var starts = new List<double[]>();
        if (customers.Length > PilotThreshold)
        {
            var stride = customers.Length / PilotSize;
            var sample = new PurchaseHistory[customers.Length / stride];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = customers[i * stride];
            }

            try
            {
                var pilot = Fit(sample, shift, modelName);
                if (pilot.Diagnostics.Converged && !pilot.Diagnostics.OnBoundary)
                {
                    starts.Add([.. pilot.Estimates.Select(e => Math.Log(e))]);
                }
            }
            catch (ModelFitException)
            {
                // A sample without repeat buyers says nothing; the full data still get the usual starts.
            }
        }

        // The purchase rate r/α matches the observed repeat rate at the start; several dropout shapes are tried
        // because the likelihood can be multimodal in (a, b) on small samples.
        var alpha0 = Math.Log(Math.Max(totalAge / repeatPurchases, 1e-6));
        starts.Add([0, alpha0, 0, 0]);
        starts.Add([Math.Log(0.25), alpha0 + Math.Log(0.25), Math.Log(0.8), Math.Log(2.5)]);
        starts.Add([Math.Log(2), alpha0 + Math.Log(2), Math.Log(0.1), Math.Log(10)]);

        var fit = MaximumLikelihood.Fit(Names, Likelihood(table, shift), table.TotalWeight, starts);
        return BetaGeometricLimits.Check(fit, table, shift, modelName) ?? fit;
    }

    /// <summary>The total negative log-likelihood over the table and its gradient in log-parameters.</summary>
    internal static NegativeLogLikelihood Likelihood(HistoryTable table, int shift) => new Evaluator(table, shift).Evaluate;

    private sealed class Evaluator(HistoryTable table, int shift)
    {
        public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient)
        {
            var r = Math.Exp(logParameters[0]);
            var alpha = Math.Exp(logParameters[1]);
            var a = Math.Exp(logParameters[2]);
            var b = Math.Exp(logParameters[3]);
            if (!double.IsFinite(r + alpha + a + b) || r <= 0 || alpha <= 0 || a <= 0 || b <= 0)
            {
                return double.NaN;
            }

            // Terms in x alone, summed over the distinct frequencies with their customer counts.
            var logA = Math.Log(a);
            var value = table.TotalWeight * (-SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) + SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(b));
            var dr = table.TotalWeight * (-SpecialFunctions.DiGamma(r) + Math.Log(alpha));
            var dAlpha = table.TotalWeight * r / alpha;
            var da = table.TotalWeight * SpecialFunctions.DiGamma(a + b);
            var db = table.TotalWeight * (SpecialFunctions.DiGamma(a + b) - SpecialFunctions.DiGamma(b));

            var frequencies = table.DistinctFrequency;
            var deadOffset = new double[frequencies.Length];
            var inverseDeadB = new double[frequencies.Length];
            for (var k = 0; k < frequencies.Length; k++)
            {
                var x = frequencies[k];
                var w = table.DistinctFrequencyWeight[k];
                value += w * (SpecialFunctions.GammaLn(r + x) + SpecialFunctions.GammaLn(b + x + shift) - SpecialFunctions.GammaLn(a + b + x + shift));
                dr += w * SpecialFunctions.DiGamma(r + x);
                var psiABX = SpecialFunctions.DiGamma(a + b + x + shift);
                da -= w * psiABX;
                db += w * (SpecialFunctions.DiGamma(b + x + shift) - psiABX);
                var hasDeadTerm = x + shift > 0;
                deadOffset[k] = hasDeadTerm ? logA - Math.Log(b + x + shift - 1) : double.NegativeInfinity;
                inverseDeadB[k] = hasDeadTerm ? 1 / (b + x + shift - 1) : 0;
            }

            var logAlphaT = LogShifted(table.DistinctT, alpha);
            var logAlphaTx = LogShifted(table.DistinctRecency, alpha);
            var inverseAlphaT = InverseShifted(table.DistinctT, alpha);
            var inverseAlphaTx = InverseShifted(table.DistinctRecency, alpha);

            // Per row: ln[(α+T)^−(r+x) + e^dead], and the share w of the dead term in it, which weights the
            // derivatives of the two branches.
            var rowGradient = new double[4];
            var rowSums = ParallelSum.Run(table.Count, rowGradient, (start, end, g) =>
            {
                var sum = 0.0;
                for (var i = start; i < end; i++)
                {
                    var k = table.FrequencyIndex[i];
                    var rx = r + table.Frequency[i];
                    var alive = -rx * logAlphaT[table.TIndex[i]];
                    var weight = table.Weight[i];
                    var offset = deadOffset[k];
                    if (double.IsNegativeInfinity(offset))
                    {
                        sum += weight * alive;
                        g[0] -= weight * logAlphaT[table.TIndex[i]];
                        g[1] -= weight * rx * inverseAlphaT[table.TIndex[i]];
                        continue;
                    }

                    var dead = offset - rx * logAlphaTx[table.RecencyIndex[i]];
                    double logSum, share;
                    if (dead > alive)
                    {
                        var e = Math.Exp(alive - dead);
                        logSum = dead + Math.Log(1 + e);
                        share = 1 / (1 + e);
                    }
                    else
                    {
                        var e = Math.Exp(dead - alive);
                        logSum = alive + Math.Log(1 + e);
                        share = e / (1 + e);
                    }

                    sum += weight * logSum;
                    g[0] -= weight * ((1 - share) * logAlphaT[table.TIndex[i]] + share * logAlphaTx[table.RecencyIndex[i]]);
                    g[1] -= weight * rx * ((1 - share) * inverseAlphaT[table.TIndex[i]] + share * inverseAlphaTx[table.RecencyIndex[i]]);
                    g[2] += weight * share / a;
                    g[3] -= weight * share * inverseDeadB[k];
                }

                return sum;
            });

            value += rowSums;
            dr += rowGradient[0];
            dAlpha += rowGradient[1];
            da += rowGradient[2];
            db += rowGradient[3];

            // Chain rule to log-parameters: ∂/∂ln θ = θ ∂/∂θ; negated because the optimiser minimises.
            gradient[0] = -dr * r;
            gradient[1] = -dAlpha * alpha;
            gradient[2] = -da * a;
            gradient[3] = -db * b;
            return -value;
        }

        private static double[] LogShifted(double[] values, double shift)
        {
            var result = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                result[i] = Math.Log(shift + values[i]);
            }

            return result;
        }

        private static double[] InverseShifted(double[] values, double shift)
        {
            var result = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                result[i] = 1 / (shift + values[i]);
            }

            return result;
        }
    }
}
