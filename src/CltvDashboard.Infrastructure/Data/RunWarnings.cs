namespace CltvDashboard.Infrastructure.Data;

/// <summary>How a run's warnings are kept in <see cref="Entities.CalculationRun.Warnings"/>: plain-word sentences, one a line.</summary>
public static class RunWarnings
{
    /// <summary>The stored text of the warnings; null without any.</summary>
    /// <param name="warnings">The warnings, each one sentence or a few without line breaks.</param>
    public static string? Join(IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        return warnings.Count > 0 ? string.Join('\n', warnings) : null;
    }

    /// <summary>The warnings of the stored text, empty lines left out; empty for null.</summary>
    /// <param name="stored">The run's stored warnings.</param>
    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : stored.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
