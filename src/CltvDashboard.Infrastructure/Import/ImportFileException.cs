namespace CltvDashboard.Infrastructure.Import;

/// <summary>Why a whole file cannot be imported.</summary>
public enum ImportFailure
{
    /// <summary>The file has no content.</summary>
    Empty,

    /// <summary>The file has a header row and nothing else.</summary>
    HeaderOnly,

    /// <summary>Every row was rejected or excluded.</summary>
    NoUsableRow,

    /// <summary>The file holds binary data (NUL bytes, a workbook, an archive) rather than text.</summary>
    Binary,

    /// <summary>The text is in an encoding other than UTF-8 or UTF-16 with a byte order mark.</summary>
    UnsupportedEncoding,

    /// <summary>The CSV structure is broken, typically a quote that is never closed.</summary>
    MalformedCsv,

    /// <summary>A line is longer than <see cref="ImportOptions.MaxLineLength"/>.</summary>
    LineTooLong,

    /// <summary>The headers match no known export and no <see cref="ColumnMapping"/> was given.</summary>
    UnknownLayout,

    /// <summary>A column named in the <see cref="ColumnMapping"/> is not in the file.</summary>
    MissingColumn,

    /// <summary>
    /// The file has no currency column, its amounts carry no currency sign and <see cref="ImportOptions.Currency"/> is not set.
    /// </summary>
    NoCurrency,

    /// <summary>
    /// The import would append the business's own rows to the demo data, or the demo to the business's data; the two
    /// never mix.
    /// </summary>
    OtherDataset,

    /// <summary>A row was rejected in an import that stores all of its rows or none (<see cref="ImportRequest.AllRowsOrNone"/>).</summary>
    RowRejected,
}

/// <summary>Thrown when a file cannot be imported at all; <see cref="Exception.Message"/> is the one sentence to show.</summary>
public sealed class ImportFileException : Exception
{
    /// <summary>Creates the exception with the reason and the message to show.</summary>
    /// <param name="failure">Why the file cannot be imported.</param>
    /// <param name="message">The sentence to show the analyst.</param>
    public ImportFileException(ImportFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Creates the exception with the reason, the message to show and the error underneath.</summary>
    /// <param name="failure">Why the file cannot be imported.</param>
    /// <param name="message">The sentence to show the analyst.</param>
    /// <param name="innerException">The parser's or decoder's error.</param>
    public ImportFileException(ImportFailure failure, string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Why the file cannot be imported.</summary>
    public ImportFailure Failure { get; }
}
