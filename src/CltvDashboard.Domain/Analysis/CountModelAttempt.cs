using CltvDashboard.Domain.Clv;

namespace CltvDashboard.Domain.Analysis;

/// <summary>One purchase-count model's fit, or why the data could not support it.</summary>
/// <param name="Model">The model tried.</param>
/// <param name="Fit">The fit; null when it failed.</param>
/// <param name="Failure">Why it failed; null when it was fitted.</param>
public sealed record CountModelAttempt(CountModelDefinition Model, CountModelFit? Fit, string? Failure);
