using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.Fitting;

namespace CltvDashboard.Domain.Tests.Clv.BgNbd;

internal static class GradientCheck
{
    public static void Verify(HistoryTable table, int shift)
    {
        var evaluate = BetaGeometricFitter.Likelihood(table, shift);
        double[] point = [Math.Log(0.3), Math.Log(5), Math.Log(0.7), Math.Log(2.2)];
        var analytic = new double[4];
        evaluate(point, analytic);
        var scratch = new double[4];
        for (var j = 0; j < 4; j++)
        {
            const double h = 1e-6;
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[j] += h;
            minus[j] -= h;
            var numeric = (evaluate(plus, scratch) - evaluate(minus, scratch)) / (2 * h);
            analytic[j].Should().BeApproximately(numeric, 1e-4 * Math.Max(1, Math.Abs(numeric)), $"d/d log parameter {j} (shift {shift})");
        }
    }
}
