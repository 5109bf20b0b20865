namespace CltvDashboard.Infrastructure.Csv;

/// <summary>A column of an in-memory table: its header and row i's cell.</summary>
public sealed record CsvColumn(string Header, Func<int, CsvCell> Cell);
