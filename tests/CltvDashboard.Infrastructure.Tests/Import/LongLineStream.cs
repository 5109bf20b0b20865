namespace CltvDashboard.Infrastructure.Tests.Import;

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
