using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The content hash of a normalised row (see <see cref="ImportRow.ContentHash"/>) and the 64-bit key of the reader's
/// in-file duplicate window. For the store it is SHA-256 of a fixed text, which stored hashes were made with; for an
/// analysis, which never meets the store, only the key is made, from the values directly.
/// </summary>
internal sealed class RowContentHash(bool forStore) : IDisposable
{
    private readonly IncrementalHash? _sha256 = forStore ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    private char[] _content = new char[256];
    private byte[] _contentBytes = new byte[1024];

    /// <summary>Whether hashes are made for the store (SHA-256) rather than keys alone.</summary>
    public bool ForStore => _sha256 is not null;

    /// <summary>The row's hash (empty when not <see cref="ForStore"/>) and its duplicate-window key.</summary>
    public string Of(
        string customer, DateTimeOffset occurredAt, decimal amount, string currency, string? reference, string? channel, decimal? quantity, out ulong key) =>
        _sha256 is null
            ? AnalysisKey(customer, occurredAt, amount, currency, reference, channel, quantity, out key)
            : ContentHash(customer, occurredAt, amount, currency, reference, channel, quantity, out key);

    /// <summary>
    /// The stored hash of the <paramref name="occurrence"/>-th (1 for the second) of a file's identical rows without an
    /// order reference whose own hash is <paramref name="hash"/>; the first keeps <paramref name="hash"/>.
    /// </summary>
    public string Repeat(string hash, long occurrence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(occurrence);
        if (_sha256 is null)
        {
            throw new InvalidOperationException("Only hashes for the store have repeats.");
        }

        return Hash(string.Concat(hash, "#", occurrence.ToString(CultureInfo.InvariantCulture)), out _);
    }

    /// <summary>
    /// The duplicate-window key of an analysed row (no content hash): the fields the content hash covers, mixed from
    /// their values instead of hashing their text, so equal values give equal keys (decimal's hash ignores trailing
    /// zeros, as the hashed text does). An empty reference or channel keys as an absent one.
    /// </summary>
    public static ulong Key(
        ReadOnlySpan<char> customer, DateTimeOffset occurredAt, decimal amount, string currency, ReadOnlySpan<char> reference,
        ReadOnlySpan<char> channel, decimal? quantity)
    {
        var mixed = Fnv1a(customer);
        mixed = Mix(mixed ^ (ulong)occurredAt.UtcTicks);
        mixed = Mix(mixed ^ (uint)amount.GetHashCode());
        mixed = Mix(mixed ^ Fnv1a(currency));
        mixed = Mix(mixed ^ Fnv1a(reference) ^ (Fnv1a(channel) << 1));
        return Mix(mixed ^ (uint)(quantity?.GetHashCode() ?? 0x5bd1e995));
    }

    /// <inheritdoc />
    public void Dispose() => _sha256?.Dispose();

    // The hashed text is the fields joined by the unit separator, in invariant forms; written into reused buffers
    // because this runs once per row and a string per field would dominate the cost of reading a large file.
    private string ContentHash(
        string customer, DateTimeOffset occurredAt, decimal amount, string currency, string? reference, string? channel, decimal? quantity, out ulong key)
    {
        const char Separator = '\u001F';
        reference ??= string.Empty;
        channel ??= string.Empty;
        var needed = customer.Length + currency.Length + reference.Length + channel.Length + (3 * 64) + 6;
        if (_content.Length < needed)
        {
            _content = new char[Math.Max(needed, _content.Length * 2)];
        }

        var buffer = _content.AsSpan();
        var at = 0;
        customer.CopyTo(buffer);
        at += customer.Length;
        buffer[at++] = Separator;
        // The round-trip format of a time without kind is yyyy-MM-ddTHH:mm:ss.fffffff, the form stored hashes were
        // made with, written without parsing a custom format string for every row.
        DateTime.SpecifyKind(occurredAt.UtcDateTime, DateTimeKind.Unspecified).TryFormat(buffer[at..], out var written, "O", CultureInfo.InvariantCulture);
        at += written;
        buffer[at++] = Separator;
        at += FormatDecimal(amount, buffer[at..]);
        buffer[at++] = Separator;
        currency.CopyTo(buffer[at..]);
        at += currency.Length;
        buffer[at++] = Separator;
        reference.CopyTo(buffer[at..]);
        at += reference.Length;
        buffer[at++] = Separator;
        channel.CopyTo(buffer[at..]);
        at += channel.Length;
        buffer[at++] = Separator;
        if (quantity is { } q)
        {
            at += FormatDecimal(q, buffer[at..]);
        }

        return Hash(buffer[..at], out key);
    }

    // The decimal as the custom format "0.####…" (28 #) writes it, the form stored hashes were made with: the
    // general format keeps the scale's trailing zeros, which are cut here. Zero (whose sign the general format may
    // keep) takes the custom format itself.
    internal static int FormatDecimal(decimal value, Span<char> destination)
    {
        if (value == 0)
        {
            value.TryFormat(destination, out var zero, "0.############################", CultureInfo.InvariantCulture);
            return zero;
        }

        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        if (destination[..written].Contains('.'))
        {
            while (destination[written - 1] == '0')
            {
                written--;
            }

            if (destination[written - 1] == '.')
            {
                written--;
            }
        }

        return written;
    }

    private string Hash(ReadOnlySpan<char> content, out ulong key)
    {
        if (_sha256 is null)
        {
            key = Fnv1a(content);
            return string.Empty;
        }

        var length = Encoding.UTF8.GetMaxByteCount(content.Length);
        if (_contentBytes.Length < length)
        {
            _contentBytes = new byte[Math.Max(length, _contentBytes.Length * 2)];
        }

        var bytes = _contentBytes.AsSpan(0, Encoding.UTF8.GetBytes(content, _contentBytes));
        Span<byte> digest = stackalloc byte[32];
        // A reused context: the one-shot call sets up and frees OpenSSL's state for every row, a third of its cost.
        _sha256.AppendData(bytes);
        _sha256.GetHashAndReset(digest);
        // The first 16 hex digits of the hash, read as a number: the key of the in-file duplicate window.
        key = BinaryPrimitives.ReadUInt64BigEndian(digest);
        return Convert.ToHexStringLower(digest);
    }

    private static string AnalysisKey(
        string customer, DateTimeOffset occurredAt, decimal amount, string currency, string? reference, string? channel, decimal? quantity, out ulong key)
    {
        key = Key(customer, occurredAt, amount, currency, reference, channel, quantity);
        return string.Empty;
    }

    // FNV-1a over the UTF-16 text, finished with a 64-bit mixer: the duplicate window only needs a well-spread key
    // within one read, and this costs a fraction of SHA-256.
    private static ulong Fnv1a(ReadOnlySpan<char> content)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in content)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    // The finaliser of MurmurHash3 (fmix64): spreads every input bit over the whole key.
    private static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccdUL;
        value ^= value >> 33;
        value *= 0xc4ceb93e37ba8bf3UL;
        value ^= value >> 33;
        return value;
    }
}
