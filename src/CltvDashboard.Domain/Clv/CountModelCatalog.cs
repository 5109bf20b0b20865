using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Clv.ParetoNbd;

namespace CltvDashboard.Domain.Clv;

/// <summary>
/// The purchase-count models the application fits, compares and rebuilds. A new model adds its definition here and
/// nowhere else outside its own folder.
/// </summary>
public static class CountModelCatalog
{
    /// <summary>Every model, in the order they are fitted, listed and offered.</summary>
    public static IReadOnlyList<CountModelDefinition> All { get; } =
    [
        new BgNbdDefinition(),
        new ParetoNbdDefinition(),
        new MbgNbdDefinition(),
    ];

    /// <summary>The short names of <see cref="All"/>, in the same order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The model of a short name; null for a name that is not a purchase-count model (e.g. <c>gammagamma</c>).</summary>
    /// <param name="name">The short name, as stored with a fit.</param>
    public static CountModelDefinition? Find(string? name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The model of a short name.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">No model has that name.</exception>
    public static CountModelDefinition Get(string name) =>
        Find(name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown model '{name}'; use one of {string.Join(", ", Names)}.");

    /// <summary>The name shown to people for a stored model name: a count model's, Gamma-Gamma's, or the name itself.</summary>
    /// <param name="name">The stored short name.</param>
    public static string DisplayName(string name) =>
        Find(name)?.DisplayName
        ?? (string.Equals(name, GammaGammaParameters.ModelName, StringComparison.OrdinalIgnoreCase) ? GammaGammaParameters.DisplayName : name);

    /// <summary>The model a run stored, rebuilt; null for a name that is no count model or parameters that are missing.</summary>
    /// <param name="name">The stored short name.</param>
    /// <param name="parameters">The stored parameters by name.</param>
    public static IPurchaseCountModel? Rebuild(string name, IReadOnlyDictionary<string, double> parameters) =>
        Find(name)?.Rebuild(parameters);
}
