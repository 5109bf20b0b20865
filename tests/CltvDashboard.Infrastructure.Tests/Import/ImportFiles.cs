using System.Text;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.TestSupport;

namespace CltvDashboard.Infrastructure.Tests.Import;

internal static class ImportFiles
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ImportOptions Options(string? currency = "USD") => new() { Now = Now, Currency = currency };

    public static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static (List<ImportRow> Rows, ImportReadSummary Summary) Read(string text, ImportOptions? options = null) =>
        Read(Utf8(text), options);

    public static (List<ImportRow> Rows, ImportReadSummary Summary) Read(Stream stream, ImportOptions? options = null)
    {
        var rows = new List<ImportRow>();
        var summary = TransactionFileReader.Read(stream, options ?? Options(), rows.Add);
        return (rows, summary);
    }

    public static ImportFileException Fails(Stream stream, ImportOptions? options = null)
    {
        var act = () => Read(stream, options);
        return act.Should().Throw<ImportFileException>().Which;
    }

    public static ImportFileException Fails(string text, ImportOptions? options = null) => Fails(Utf8(text), options);

    public static string TestData(params string[] parts) => TestDataFiles.PathOf(parts);
}
