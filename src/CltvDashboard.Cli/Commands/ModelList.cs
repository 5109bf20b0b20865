using System.CommandLine.Parsing;

namespace CltvDashboard.Cli.Commands;

/// <summary>Parses "a,b" or repeated options into a list of known model names.</summary>
internal static class ModelList
{
    public static string[] Parse(ArgumentResult result, IReadOnlyCollection<string> known)
    {
        var names = result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(n => n.ToLowerInvariant())
            .Distinct()
            .ToArray();
        var unknown = names.Where(n => !known.Contains(n)).ToArray();
        if (unknown.Length > 0)
        {
            result.AddError($"Unknown model '{string.Join("', '", unknown)}'; choose from {string.Join(", ", known)}.");
        }
        else if (names.Length == 0)
        {
            result.AddError($"Name at least one model: {string.Join(", ", known)}.");
        }

        return names;
    }
}
