using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace CltvDashboard.Infrastructure.Import.Writing;

/// <summary>
/// Writes rows of PostgreSQL's binary COPY format straight into a raw COPY stream: big-endian integers, timestamps
/// as microseconds since 2000, numerics as base-10000 digits, texts as UTF-8.
/// </summary>
/// <remarks>
/// Npgsql's binary importer binds a parameter for every value it writes, which cost about a microsecond a row, a
/// fifth of the client's time in a large import; the format of the few types an import writes is simple and
/// documented (the COPY page and numeric.c's numeric_send of the PostgreSQL sources).
/// </remarks>
internal sealed class PgBinaryCopyWriter : IAsyncDisposable
{
    private const int BufferSize = 1 << 16;
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private static readonly ulong[] PowersOfTen = [1, 10, 100, 1_000];

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = new byte[BufferSize];
    private int _used;
    private bool _completed;

    private PgBinaryCopyWriter(NpgsqlRawCopyStream stream) => _stream = stream;

    /// <summary>Starts <paramref name="copyCommand"/> (a COPY … FROM STDIN (FORMAT BINARY)) and writes the format's header.</summary>
    public static async Task<PgBinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken)
    {
        var writer = new PgBinaryCopyWriter(await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken).ConfigureAwait(false));
        // Signature, flags (no OIDs), header extension length.
        Signature.CopyTo(writer._buffer);
        writer._used = 11 + 4 + 4;
        writer._buffer.AsSpan(11, 8).Clear();
        return writer;
    }

    /// <summary>Starts a row of <paramref name="fieldCount"/> values.</summary>
    public void StartRow(short fieldCount)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), fieldCount);
        _used += 2;
    }

    public void WriteNull()
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), -1);
        _used += 4;
    }

    public void WriteInt32(int value)
    {
        Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used + 4), value);
        _used += 8;
    }

    public void WriteInt64(long value)
    {
        Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), 8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_used + 4), value);
        _used += 12;
    }

    /// <summary>A timestamptz: microseconds since 2000-01-01 UTC, the tick's last digit dropped as Npgsql drops it.</summary>
    public void WriteTimestamp(long utcTicks) => WriteInt64((utcTicks - PostgresEpochTicks) / 10);

    public void WriteText(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        WriteText(value.AsSpan());
    }

    public void WriteText(ReadOnlySpan<char> value)
    {
        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), length);
        _used += 4 + length;
    }

    /// <summary>A numeric: digit count, weight of the first base-10000 digit, sign, display scale, then the digits.</summary>
    public void WriteNumeric(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        // Fraction digits padded to whole base-10000 digits, so that digits split at the decimal point.
        var pad = (4 - (scale % 4)) % 4;
        mantissa *= PowersOfTen[pad];
        var fractionDigits = (scale + pad) / 4;
        Span<short> digits = stackalloc short[10];
        var count = 0;
        if (mantissa <= ulong.MaxValue)
        {
            for (var small = (ulong)mantissa; small != 0; small /= 10_000)
            {
                digits[count++] = (short)(small % 10_000);
            }
        }
        else
        {
            for (; mantissa != 0; mantissa /= 10_000)
            {
                digits[count++] = (short)(ulong)(mantissa % 10_000);
            }
        }

        var weight = count == 0 ? 0 : count - fractionDigits - 1;
        var trailing = 0;
        while (trailing < count && digits[trailing] == 0)
        {
            trailing++;
        }

        var written = count - trailing;
        Reserve(12 + (2 * written));
        var span = _buffer.AsSpan(_used);
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (2 * written));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)written);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], negative && written > 0 ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)scale);
        for (var i = 0; i < written; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + (2 * i))..], digits[count - 1 - i]);
        }

        _used += 12 + (2 * written);
    }

    /// <summary>Writes the trailer and ends the COPY; the server reports a bad row here at the latest.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), -1);
        _used += 2;
        await _stream.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken).ConfigureAwait(false);
        _used = 0;
        _completed = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Cancels an unfinished COPY; the caller rolls the transaction back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await _stream.CancelAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Synchronous: rows come one by one on the hot path and the stream buffers them for the socket anyway.
    private void Reserve(int bytes)
    {
        if (_used + bytes <= _buffer.Length)
        {
            return;
        }

        _stream.Write(_buffer, 0, _used);
        _used = 0;
        if (bytes > _buffer.Length)
        {
            _buffer = new byte[bytes];
        }
    }
}
