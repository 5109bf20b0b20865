using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Web.Endpoints;

/// <summary>
/// Every value an export's route or query string may carry, bound by ASP.NET Core (a malformed one is a bad request);
/// each export reads the ones it needs through <see cref="ExportRequest"/>.
/// </summary>
internal readonly record struct ExportParameters(
    string? Segmentation, string? Id, string? Channel, string? Q, string? Segment, CustomerPreset? Preset, CustomerSort? Sort, bool? Desc, string? Tier, string? Risk);
