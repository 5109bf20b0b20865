using CltvDashboard.Domain.Clv.Fitting;
using CltvDashboard.Domain.Clv.Numerics;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Clv.ParetoNbd;

/// <summary>Maximum-likelihood estimation of the Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987).</summary>
public static class ParetoNbdFitter
{
    // Below this expected share of dropouts over the oldest customer's age the fit warns that dropout is not identified.
    private const double NegligibleDropout = 0.01;

    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <summary>
    /// Fits r, α, s and β by maximising the log-likelihood of Fader &amp; Hardie (2005) over all customers: BFGS on the
    /// log-parameters with the analytic gradient, starting from <see cref="ParetoNbdFitOptions.InitialGuess"/> or from
    /// values derived from the data, and from further starting points only if that run does not converge.
    /// </summary>
    /// <param name="customers">
    /// Each customer's calibration-period (x, t_x, T); the fitted α and β are in the same time unit as t_x and T.
    /// </param>
    /// <param name="options">Fitting settings; null for the defaults.</param>
    /// <returns>
    /// The estimates, the total log-likelihood, standard errors and diagnostics. When the data show no sign of
    /// dropout the dropout distribution collapses to 0 (s on its lower or β on its upper boundary) and a warning says so.
    /// </returns>
    /// <exception cref="ArgumentException">A history is invalid (negative, non-finite, or t_x &gt; T).</exception>
    /// <exception cref="ModelFitException">There are no customers, or no customer made a repeat purchase.</exception>
    public static ModelFit<ParetoNbdParameters> Fit(ReadOnlySpan<PurchaseHistory> customers, ParetoNbdFitOptions? options = null)
    {
        if (customers.Length == 0)
        {
            throw new ModelFitException("The Pareto/NBD model cannot be fitted without customers: the data set is empty.");
        }

        var table = HistoryTable.Create(customers);
        if (table.RepeatWeight == 0)
        {
            throw new ModelFitException(
                $"None of the {customers.Length} customers made a repeat purchase (x = 0 for all), so the Pareto/NBD model " +
                "cannot tell how often customers buy from how soon they drop out. Fit it on a longer calibration period " +
                "or on data that includes repeat buyers.");
        }

        var objective = new ParetoNbdObjective(table);
        var (rateScale, ageScale) = Scales(table);
        var first = options?.InitialGuess is { } guess
            ? new[] { Math.Log(guess.R), Math.Log(guess.Alpha), Math.Log(guess.S), Math.Log(guess.Beta) }
            : Start(1, rateScale, 1, ageScale);
        var result = MaximumLikelihood.Fit(Names, objective.NegativeLogLikelihood, table.TotalWeight, [first]);

        // Further starting points cost a full optimisation each, so they are tried only when the first run fails.
        if (!result.Diagnostics.Converged)
        {
            var retry = MaximumLikelihood.Fit(
                Names,
                objective.NegativeLogLikelihood,
                table.TotalWeight,
                [
                    [.. result.Estimates.Select(e => Math.Log(e))],
                    Start(0.5, rateScale, 0.5, ageScale),
                    Start(2, rateScale, 2, ageScale),
                    [0, 0, 0, 0],
                ]);
            if (retry.Diagnostics.Converged || retry.LogLikelihood > result.LogLikelihood)
            {
                result = retry;
            }
        }

        var estimates = result.Estimates;
        var parameters = new ParetoNbdParameters(estimates[0], estimates[1], estimates[2], estimates[3]);
        var diagnostics = result.Diagnostics;
        if (NoDropout(diagnostics, parameters))
        {
            // The limit model is the NBD, whose predictions the formulas reach smoothly as s/β → 0.
            var sentence = NoDropoutLimit.Sentence("Pareto/NBD", "dropout rate s/β");
            diagnostics = diagnostics with { Warnings = [.. diagnostics.Warnings, sentence], Limits = [sentence] };
        }
        else if (LittleDropoutWarning(parameters, table.T.Max()) is { } dropoutWarning)
        {
            diagnostics = diagnostics with { Warnings = [.. diagnostics.Warnings, dropoutWarning] };
        }

        // No dropout is a limit the formulas only approach: draws around it would not describe the fit.
        return new ModelFit<ParetoNbdParameters>(parameters, result.LogLikelihood, result.StandardErrors, diagnostics)
        {
            Covariance = NoDropout(result.Diagnostics, parameters) ? null : result.Covariance,
        };
    }

    // Without dropouts in the data the dropout-rate distribution collapses to 0 along a ridge (s → 0 or β → ∞ with s/β → 0),
    // where the optimiser may stop at the boundary or, by chance, just inside it; either way the user needs to know.
    private static bool NoDropout(FitDiagnostics diagnostics, ParetoNbdParameters parameters) =>
        diagnostics.ParametersOnBoundary.Contains("s") || (diagnostics.ParametersOnBoundary.Contains("beta") && parameters.Beta > MaximumLikelihood.UpperBoundary);

    private static string? LittleDropoutWarning(ParetoNbdParameters parameters, double oldest)
    {
        // P(lifetime < T) = 1 − (β/(β+T))^s for a new customer (Schmittlein, Morrison & Colombo 1987).
        var dropped = 1 - Math.Exp(-parameters.S * Math.Log(1 + (oldest / parameters.Beta)));
        if (dropped < NegligibleDropout)
        {
            return "The data show little evidence of customers dropping out: only " +
                $"{dropped:P2} of customers are expected to drop out within {oldest:G4} time units (the oldest customer's age). " +
                "s and β are then poorly determined and P(alive) is close to 1 for every customer.";
        }

        return null;
    }

    // The purchase rate a customer would have if everyone were alive throughout, and the mean customer age: a start
    // (r, α, s, β) = (r, r / rate, s, s · age) has those means whatever the time unit.
    private static (double Rate, double Age) Scales(HistoryTable table)
    {
        double purchases = 0, exposure = 0;
        for (var i = 0; i < table.Count; i++)
        {
            purchases += table.Weight[i] * table.Frequency[i];
            exposure += table.Weight[i] * table.T[i];
        }

        var age = exposure / table.TotalWeight;
        return (purchases / exposure, age > 0 ? age : 1);
    }

    private static double[] Start(double r, double rate, double s, double age) =>
        [Math.Log(r), Math.Log(r / rate), Math.Log(s), Math.Log(s * age)];
}
