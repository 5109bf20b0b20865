namespace CltvDashboard.Infrastructure.Import;

/// <summary>Why a row of the file was not turned into an <see cref="ImportRow"/>.</summary>
public enum ImportProblemKind
{
    /// <summary>The row could not be used: a value is missing, unreadable or against a rule of the dataset.</summary>
    Rejected,

    /// <summary>The row repeats an earlier row of the same file and was skipped.</summary>
    Duplicate,
}

/// <summary>A row that was not imported, with where it is in the file and why.</summary>
/// <param name="Line">The 1-based line of the file.</param>
/// <param name="Column">The header of the column at fault, as written in the file (empty when the whole row is at fault).</param>
/// <param name="Message">What is wrong, in words an analyst can act on.</param>
/// <param name="Kind">Rejected or duplicate.</param>
public sealed record ImportProblem(long Line, string Column, string Message, ImportProblemKind Kind = ImportProblemKind.Rejected)
{
    /// <summary>
    /// The file's row as it was read, its fields comma-separated and quoted as in RFC 4180 whatever the file's
    /// delimiter, each field cut at 1,000 characters and the whole at about 4,000; null for duplicates.
    /// </summary>
    public string? RawRecord { get; init; }

    /// <summary>
    /// Why, in the words the import report groups lines by (one of <see cref="RejectionReason"/>'s), or "duplicate";
    /// the <see cref="Message"/> says the details.
    /// </summary>
    public string Reason { get; init; } = Kind == ImportProblemKind.Duplicate ? "duplicate" : string.Empty;

    /// <inheritdoc />
    public override string ToString() => Column.Length == 0 ? $"line {Line}: {Message}" : $"line {Line}, column '{Column}': {Message}";
}
