using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;

namespace CltvDashboard.Cli.Commands;

/// <summary>The purchase-count models the command line can fit, by their short names.</summary>
internal static class CountModels
{
    public static readonly string[] Names = [BgNbdParameters.ModelName, "paretonbd", MbgNbdParameters.ModelName];

    /// <summary>Fits one model; a model the data cannot support throws <see cref="ModelFitException"/>.</summary>
    public static CountModelFit Fit(string name, ReadOnlySpan<PurchaseHistory> histories)
    {
        switch (name)
        {
            case BgNbdParameters.ModelName:
                var bg = BgNbdFitter.Fit(histories);
                return new CountModelFit(bg.Parameters, bg.LogLikelihood, bg.StandardErrors, bg.Diagnostics);
            case "paretonbd":
                var pareto = ParetoNbdFitter.Fit(histories);
                return new CountModelFit(pareto.Parameters, pareto.LogLikelihood, pareto.StandardErrors, pareto.Diagnostics);
            case MbgNbdParameters.ModelName:
                var mbg = MbgNbdFitter.Fit(histories);
                return new CountModelFit(mbg.Parameters, mbg.LogLikelihood, mbg.StandardErrors, mbg.Diagnostics);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown model '{name}'; use one of {string.Join(", ", Names)}.");
        }
    }
}

/// <summary>A fitted purchase-count model with its fit report.</summary>
internal sealed record CountModelFit(
    IPurchaseCountModel Model,
    double LogLikelihood,
    IReadOnlyDictionary<string, double?> StandardErrors,
    FitDiagnostics Diagnostics)
{
    public CandidateModel AsCandidate() => new(Model, LogLikelihood, Diagnostics);
}
