namespace CltvDashboard.Domain.Clv.BgNbd;

/// <summary>What BG/NBD and MBG/NBD share in the catalog: parameter names and the what-if change of dropout.</summary>
internal static class BetaGeometricRetention
{
    public static IReadOnlyList<string> ParameterNames { get; } = ["r", "alpha", "a", "b"];

    // The dropout probability's mean a/(a+b) divided by 1 + change, with a + b kept so that the spread stays similar.
    public static (double A, double B) Shift(double a, double b, double change)
    {
        var shiftedA = (a + b) * (a / (a + b) / (1 + change));
        return (shiftedA, (a + b) - shiftedA);
    }
}
