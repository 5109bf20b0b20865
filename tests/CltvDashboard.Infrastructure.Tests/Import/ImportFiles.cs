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

/// <summary>An endless-looking upload made on the fly: a header, then one line of <c>length</c> characters.</summary>
internal sealed class LongLineStream(long length) : Stream
{
    private static readonly byte[] Header = "customer_id,date,amount\n"u8.ToArray();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => Header.Length + length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public long BytesServed => _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var served = 0;
        while (served < count && _position < Length)
        {
            buffer[offset + served] = _position < Header.Length ? Header[_position] : (byte)'7';
            served++;
            _position++;
        }

        return served;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
