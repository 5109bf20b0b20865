namespace CltvDashboard.Infrastructure.Import;

/// <summary>What the UI shows the user before an import: the layout found and the first rows as they would be read.</summary>
/// <param name="Columns">The header row, as written.</param>
/// <param name="Encoding">The text encoding found.</param>
/// <param name="Delimiter">The field delimiter found.</param>
/// <param name="Layout">The layout detected or mapped; null when the headers match no known export and no mapping was given.</param>
/// <param name="SuggestedMapping">A mapping matching the detected columns, for the user to confirm or correct; null when nothing matched.</param>
/// <param name="SuggestedDateOrder">
/// The date order the first rows prove (a day above 12 in the first or second place); <see cref="DateOrder.Unspecified"/> when they do not tell.
/// </param>
/// <param name="Rows">The first rows as parsed.</param>
/// <param name="Problems">The problems among the first rows.</param>
public sealed record ImportPreview(
    IReadOnlyList<string> Columns,
    string Encoding,
    char Delimiter,
    ImportLayout? Layout,
    ColumnMapping? SuggestedMapping,
    DateOrder SuggestedDateOrder,
    IReadOnlyList<ImportRow> Rows,
    IReadOnlyList<ImportProblem> Problems);
