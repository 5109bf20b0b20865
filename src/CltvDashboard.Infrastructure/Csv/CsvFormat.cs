namespace CltvDashboard.Infrastructure.Csv;

/// <summary>How a CSV file's records end and whether it starts with a UTF-8 byte order mark.</summary>
/// <param name="NewLine">Ends every record, the header's too: <c>"\n"</c> or <c>"\r\n"</c>.</param>
/// <param name="ByteOrderMark">Whether the file starts with the UTF-8 byte order mark, which makes spreadsheets read it as UTF-8.</param>
public sealed record CsvFormat(string NewLine, bool ByteOrderMark = false);
