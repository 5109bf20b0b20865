namespace CltvDashboard.Domain.Clv;

/// <summary>How a count-model fit that saw nobody drop out is reported: the same words whichever model it was.</summary>
public static class NoDropoutLimit
{
    /// <summary>The words every such report starts with, so that the analysis can tell it was made.</summary>
    public const string Opening = "No evidence of dropout in the data";

    /// <summary>The report for a fit whose dropout parameter went to 0.</summary>
    /// <param name="modelDisplayName">The model as people write it (BG/NBD).</param>
    /// <param name="parameter">The parameter that went to 0, as the literature names it.</param>
    public static string Sentence(string modelDisplayName, string parameter) =>
        $"{Opening}: {modelDisplayName}'s {parameter} went to 0, so the model predicts as if nobody drops out; "
        + "P(alive) is close to 100 % for everyone, and a customer's chance of buying again falls only with how rarely they buy.";
}
