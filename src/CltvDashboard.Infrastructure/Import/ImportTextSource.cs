using System.Text;
using System.Text.Unicode;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// Turns an uploaded stream into text: finds the encoding from the byte order mark, refuses what is not text, and
/// finds the delimiter from the header line. Only the first block is held; the rest is streamed.
/// </summary>
internal sealed class ImportTextSource : IDisposable
{
    private const int SampleSize = 1 << 16;

    private ImportTextSource(TextReader reader, string encodingName, char delimiter, int headerLength)
    {
        HeaderLength = headerLength;
        Reader = reader;
        EncodingName = encodingName;
        Delimiter = delimiter;
    }

    public TextReader Reader { get; }

    public string EncodingName { get; }

    public char Delimiter { get; }

    /// <summary>The header line's length in characters when it ends within the first block, else -1.</summary>
    public int HeaderLength { get; }

    public static ImportTextSource Open(Stream stream)
    {
        var sample = new byte[SampleSize];
        var length = 0;
        int read;
        while (length < sample.Length && (read = stream.Read(sample, length, sample.Length - length)) > 0)
        {
            length += read;
        }

        var bytes = sample.AsSpan(0, length);
        if (bytes.IsEmpty)
        {
            throw new ImportFileException(ImportFailure.Empty, "The file is empty; it needs a header row and at least one transaction.");
        }

        var (encoding, bomLength) = DetectEncoding(bytes);
        var body = bytes[bomLength..];
        var guardNul = encoding is UTF8Encoding;
        if (guardNul)
        {
            RefuseBinary(body);
        }

        if (body.IsEmpty || (guardNul && !body.ContainsAnyExcept(" \r\n\t"u8)))
        {
            throw new ImportFileException(ImportFailure.Empty, "The file is empty; it needs a header row and at least one transaction.");
        }

        var start = encoding.GetString(body.Length > 4096 ? body[..4096] : body);
        var delimiter = DetectDelimiter(start);
        var guarded = new GuardedStream(sample, bomLength, length, stream, guardNul);
        var reader = new StreamReader(guarded, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: SampleSize);
        return new ImportTextSource(reader, encoding.WebName, delimiter, start.IndexOf('\n', StringComparison.Ordinal));
    }

    public void Dispose() => Reader.Dispose();

    private static (Encoding Encoding, int BomLength) DetectEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((byte[])[0xFF, 0xFE, 0x00, 0x00]) || bytes.StartsWith((byte[])[0x00, 0x00, 0xFE, 0xFF]))
        {
            throw new ImportFileException(
                ImportFailure.UnsupportedEncoding, "The file is in UTF-32, which is not supported; save it as UTF-8 (or UTF-16) and upload it again.");
        }

        if (bytes.StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true), 3);
        }

        if (bytes.StartsWith((byte[])[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (bytes.StartsWith((byte[])[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (bytes.StartsWith("+/v"u8))
        {
            throw new ImportFileException(
                ImportFailure.UnsupportedEncoding, "The file is in UTF-7, which is not supported; save it as UTF-8 and upload it again.");
        }

        return (new UTF8Encoding(false, throwOnInvalidBytes: true), 0);
    }

    private static void RefuseBinary(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("PK\u0003\u0004"u8))
        {
            throw new ImportFileException(
                ImportFailure.Binary, "The file is a ZIP archive or an Excel workbook, not a CSV file; export the sheet as CSV and upload that.");
        }

        if (body.StartsWith("%PDF"u8) || body.StartsWith((byte[])[0x1F, 0x8B]))
        {
            throw new ImportFileException(ImportFailure.Binary, "The file is a PDF or a compressed file, not a CSV text file.");
        }

        var nul = body.IndexOf((byte)0);
        if (nul >= 0)
        {
            // Text in UTF-16 without a byte order mark has a NUL in every other byte; name it, since the fix differs.
            var pairs = body[..Math.Min(body.Length, 64)];
            var alternating = pairs.Length >= 4 && (pairs[1] == 0 && pairs[3] == 0 || pairs[0] == 0 && pairs[2] == 0);
            throw alternating
                ? new ImportFileException(
                    ImportFailure.UnsupportedEncoding, "The file looks like UTF-16 without a byte order mark; save it as UTF-8 and upload it again.")
                : new ImportFileException(
                    ImportFailure.Binary, $"The file contains binary data (a NUL byte at offset {nul:N0}); it is not a CSV text file.");
        }

        // The sample may end inside a multi-byte character, so up to three trailing bytes are left to the decoder.
        var whole = body.Length == SampleSize ? body[..^3] : body;
        if (!Utf8.IsValid(whole))
        {
            throw InvalidUtf8(InvalidUtf8Offset(whole));
        }
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out var consumed, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? -1 : consumed;
    }

    internal static ImportFileException InvalidUtf8(long offset) => new(
        ImportFailure.UnsupportedEncoding,
        (offset >= 0 ? $"The file is not valid UTF-8 (at byte {offset:N0}); " : "The file is not valid UTF-8; ")
        + "it is probably in a legacy encoding such as Windows-1252 or Latin-1. Save it as UTF-8 (or UTF-16) and upload it again.");

    private static char DetectDelimiter(string sample)
    {
        var commas = 0;
        var semicolons = 0;
        var tabs = 0;
        var quoted = false;
        foreach (var c in sample)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                switch (c)
                {
                    case ',': commas++; break;
                    case ';': semicolons++; break;
                    case '\t': tabs++; break;
                    case '\n': goto done;
                }
            }
        }

    done:
        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    /// <summary>Replays the sampled bytes, then the rest of the upload, refusing NUL bytes anywhere in UTF-8 text.</summary>
    private sealed class GuardedStream(byte[] sample, int start, int length, Stream rest, bool guardNul) : Stream
    {
        private int _position = start;
        private long _offset = start;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _offset;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read;
            if (_position < length)
            {
                read = Math.Min(buffer.Length, length - _position);
                sample.AsSpan(_position, read).CopyTo(buffer);
                _position += read;
            }
            else
            {
                read = rest.Read(buffer);
            }

            if (guardNul && buffer[..read].IndexOf((byte)0) is var nul and >= 0)
            {
                throw new ImportFileException(
                    ImportFailure.Binary, $"The file contains binary data (a NUL byte at offset {_offset + nul:N0}); it is not a CSV text file.");
            }

            _offset += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
