using System.Numerics;
using System.Runtime.CompilerServices;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// A set of 64-bit row keys that answers "certainly never added" or "maybe added" (a blocked Bloom filter): a few
/// bits a key where the keys themselves would take 64 bits or more, and one memory read a lookup.
/// </summary>
/// <remarks>
/// Each key sets two bits of one 64-bit word, word and bits taken from other bits of the key than a hash table's
/// slot would use (keys are uniformly random). At 16 bits a key about 1.4 % of new keys are taken for old ones; a
/// key added is always found.
/// </remarks>
internal sealed class KeyFilter
{
    private readonly ulong[] _words;

    /// <summary>Creates an empty filter of about <paramref name="bitsPerKey"/> bits for each of <paramref name="expectedKeys"/> keys.</summary>
    public KeyFilter(long expectedKeys, int bitsPerKey = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedKeys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bitsPerKey);
        var words = Math.Clamp(Math.Max(expectedKeys, 512) * bitsPerKey / 64, 8, 1L << 30);
        _words = new ulong[BitOperations.RoundUpToPowerOf2((ulong)words)];
    }

    /// <summary>Adds <paramref name="key"/>; whether it may have been added before (false: certainly not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(ulong key)
    {
        var (word, bits) = Bits(key);
        ref var slot = ref _words[word];
        var seen = (slot & bits) == bits;
        slot |= bits;
        return seen;
    }

    /// <summary>Whether <paramref name="key"/> may have been added (false: certainly not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayHold(ulong key)
    {
        var (word, bits) = Bits(key);
        return (_words[word] & bits) == bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Word, ulong Bits) Bits(ulong key) =>
        ((int)(key >> 24) & (_words.Length - 1), (1UL << (int)(key >> 52)) | (1UL << (int)(key >> 58)));
}
