namespace CltvDashboard.TestSupport.Simulation;

internal static class ParameterChecks
{
    public static void RequirePositive(double value, string model, string name)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"The {model} parameter {name} must be positive and finite, was {value}.");
        }
    }

    public static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or more and finite, was {value}.");
        }
    }
}
