using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Validation;

/// <summary>How well a purchase-count model predicted the holdout period, next to a naive baseline.</summary>
/// <param name="Model">The model's short name.</param>
/// <param name="HoldoutLength">The holdout's length in the fit's time unit.</param>
/// <param name="Predicted">Per customer: expected purchases in the holdout, in the order given.</param>
/// <param name="Actual">Per customer: purchase occasions actually made in the holdout.</param>
/// <param name="TotalPredicted">Sum of <paramref name="Predicted"/>.</param>
/// <param name="TotalActual">Sum of <paramref name="Actual"/>.</param>
/// <param name="MeanAbsoluteError">Mean over customers of |predicted − actual|.</param>
/// <param name="RootMeanSquaredError">Root of the mean over customers of (predicted − actual)².</param>
/// <param name="Baseline">The same errors for the naive forecast: the calibration rate x / T carried forward.</param>
public sealed record HoldoutReport(
    string Model,
    double HoldoutLength,
    IReadOnlyList<double> Predicted,
    IReadOnlyList<int> Actual,
    double TotalPredicted,
    double TotalActual,
    double MeanAbsoluteError,
    double RootMeanSquaredError,
    BaselineErrors Baseline)
{
    /// <summary>
    /// Mean over customers of (predicted − actual)², in purchases² per customer: the selection criterion, because the
    /// squared error is minimised in expectation by the conditional mean, which is what the forecasts are.
    /// </summary>
    public double MeanSquaredError => RootMeanSquaredError * RootMeanSquaredError;

    /// <summary>Total predicted − total actual holdout purchases over the whole base.</summary>
    public double AggregateError => TotalPredicted - TotalActual;

    /// <summary>(predicted − actual) / actual over the whole base; 0 when nothing was bought in the holdout.</summary>
    public double AggregateRelativeError => TotalActual == 0 ? 0 : (TotalPredicted - TotalActual) / TotalActual;

    /// <summary>How much lower the model's MAE is than the baseline's, as a share of the baseline's (1 = perfect).</summary>
    public double MeanAbsoluteErrorImprovement =>
        Baseline.MeanAbsoluteError == 0 ? 0 : 1 - MeanAbsoluteError / Baseline.MeanAbsoluteError;
}

/// <summary>Errors of the naive forecast that repeats each customer's calibration purchase rate.</summary>
/// <param name="TotalPredicted">Sum over customers of x / T · holdout length.</param>
/// <param name="MeanAbsoluteError">Mean over customers of |naive − actual|.</param>
/// <param name="RootMeanSquaredError">Root mean squared error of the naive forecast.</param>
public sealed record BaselineErrors(double TotalPredicted, double MeanAbsoluteError, double RootMeanSquaredError)
{
    /// <summary>Mean squared error of the naive forecast, in purchases² per customer.</summary>
    public double MeanSquaredError => RootMeanSquaredError * RootMeanSquaredError;
}

/// <summary>Compares a model's holdout predictions with what customers actually did.</summary>
public static class HoldoutValidation
{
    /// <summary>
    /// Predicts each customer's purchases over the holdout from their calibration history and scores the
    /// predictions against <see cref="CustomerSummary.HoldoutFrequency"/>.
    /// </summary>
    /// <param name="model">A model fitted on the same customers' calibration histories.</param>
    /// <param name="customers">The customers, with their holdout actuals.</param>
    /// <param name="holdoutLength">Holdout length in the model's time unit; must be positive.</param>
    public static HoldoutReport Evaluate(IPurchaseCountModel model, IReadOnlyList<CustomerSummary> customers, double holdoutLength)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (!(holdoutLength > 0) || !double.IsFinite(holdoutLength))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutLength), holdoutLength, "Holdout validation needs a holdout period of positive length.");
        }

        if (customers.Count == 0)
        {
            throw new ArgumentException("Holdout validation needs at least one customer.", nameof(customers));
        }

        var predicted = new double[customers.Count];
        var actual = new int[customers.Count];

        // Customers who share a calibration history share a prediction.
        Parallel.For(0, customers.Count, () => new Dictionary<PurchaseHistory, double>(), (i, _, local) =>
        {
            var history = customers[i].History;
            if (!local.TryGetValue(history, out var value))
            {
                value = model.ExpectedPurchases(history, holdoutLength);
                local[history] = value;
            }

            predicted[i] = value;
            actual[i] = customers[i].HoldoutFrequency;
            return local;
        }, _ => { });

        var (mae, rmse, total) = Errors(predicted, actual);
        var naive = new double[customers.Count];
        for (var i = 0; i < naive.Length; i++)
        {
            var c = customers[i];
            naive[i] = c.T > 0 ? c.Frequency / c.T * holdoutLength : 0;
        }

        var (naiveMae, naiveRmse, naiveTotal) = Errors(naive, actual);
        return new HoldoutReport(
            model.Name,
            holdoutLength,
            predicted,
            actual,
            total,
            actual.Sum(a => (double)a),
            mae,
            rmse,
            new BaselineErrors(naiveTotal, naiveMae, naiveRmse));
    }

    private static (double Mae, double Rmse, double Total) Errors(double[] predicted, int[] actual)
    {
        double absolute = 0, squared = 0, total = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            var error = predicted[i] - actual[i];
            absolute += Math.Abs(error);
            squared += error * error;
            total += predicted[i];
        }

        return (absolute / predicted.Length, Math.Sqrt(squared / predicted.Length), total);
    }
}
