using CltvDashboard.Infrastructure.Csv;

namespace CltvDashboard.Web.Endpoints;

/// <summary>What one export download writes: the name part of its file, its header and its records.</summary>
internal sealed record CsvTable(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<CsvCell[]> Rows);
