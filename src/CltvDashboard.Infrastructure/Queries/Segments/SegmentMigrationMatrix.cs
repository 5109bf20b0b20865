namespace CltvDashboard.Infrastructure.Queries;

/// <summary>Customers who made one move between segments from the previous run to a run.</summary>
/// <param name="From">The segment in the previous run; null for customers the previous run did not have.</param>
/// <param name="To">The segment in the run; null for customers of the previous run that the run no longer has.</param>
/// <param name="Customers">How many, staying in the same segment included.</param>
public sealed record SegmentMigrationCell(string? From, string? To, int Customers);

/// <summary>
/// A run's stored movement between the segments of one segmentation since the run that was current before it:
/// rows are the segments before (null: new customers), columns the segments now (null: no longer in this run).
/// </summary>
/// <param name="Segmentation">The segmentation (<c>rfm</c>, <c>value-tier</c> or <c>churn-risk</c>).</param>
/// <param name="From">The rows in display order, null (new customers) last when present.</param>
/// <param name="To">The columns in display order, null (gone customers) last when present.</param>
/// <param name="Cells">The non-empty cells.</param>
public sealed record SegmentMigrationMatrix(string Segmentation, IReadOnlyList<string?> From, IReadOnlyList<string?> To, IReadOnlyList<SegmentMigrationCell> Cells)
{
    /// <summary>Whether the run stored any movement (it had a previous run).</summary>
    public bool HasMoves => Cells.Count > 0;

    /// <summary>Customers in the run: every cell with a segment now.</summary>
    public int CurrentCustomers => Cells.Where(c => c.To is not null).Sum(c => c.Customers);

    /// <summary>Customers of the previous run that the run no longer has.</summary>
    public int GoneCustomers => Cells.Where(c => c.To is null).Sum(c => c.Customers);

    /// <summary>Customers that moved from one segment (null: new) to another (null: gone); 0 when none did.</summary>
    /// <param name="from">The segment before.</param>
    /// <param name="to">The segment now.</param>
    public int Customers(string? from, string? to) => Cells.FirstOrDefault(c => c.From == from && c.To == to)?.Customers ?? 0;

    /// <summary>Customers in a row: everybody who was in <paramref name="from"/> before (or new, for null).</summary>
    /// <param name="from">The segment before.</param>
    public int RowTotal(string? from) => Cells.Where(c => c.From == from).Sum(c => c.Customers);
}
