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
/// key added is always found. A filter whose keys outgrow the expected number goes on in a new one twice its size
/// with two bits a key more (the older ones still answer, and the false "maybe" of all of them together stays a few
/// percent), so a wrong guess costs lookups, never a key.
/// </remarks>
internal sealed class KeyFilter
{
    private readonly List<ulong[]> _full = [];
    private const int MinimumKeys = 1 << 16;
    private int _bitsPerKey;
    private ulong[] _words;
    private long _capacity;
    private long _count;

    /// <summary>Creates an empty filter of about <paramref name="bitsPerKey"/> bits for each of <paramref name="expectedKeys"/> keys.</summary>
    public KeyFilter(long expectedKeys, int bitsPerKey = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedKeys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bitsPerKey);
        _bitsPerKey = bitsPerKey;
        var words = Math.Clamp(Math.Max(expectedKeys, MinimumKeys) * bitsPerKey / 64, 8, 1L << 30);
        _words = new ulong[BitOperations.RoundUpToPowerOf2((ulong)words)];
        _capacity = _words.LongLength * 64 / bitsPerKey;
    }

    /// <summary>Adds <paramref name="key"/>; whether it may have been added before (false: certainly not).</summary>
    public bool Add(ulong key)
    {
        if (MayHold(key))
        {
            return true;
        }

        if (_count == _capacity && _words.Length < 1 << 30)
        {
            _full.Add(_words);
            _words = new ulong[_words.Length * 2];
            _bitsPerKey += 2;
            _capacity = _words.LongLength * 64 / _bitsPerKey;
            _count = 0;
        }

        var (word, bits) = Bits(key, _words.Length);
        _words[word] |= bits;
        _count++;
        return false;
    }

    /// <summary>Whether <paramref name="key"/> may have been added (false: certainly not).</summary>
    public bool MayHold(ulong key)
    {
        if (Holds(_words, key))
        {
            return true;
        }

        foreach (var words in _full)
        {
            if (Holds(words, key))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Holds(ulong[] words, ulong key)
    {
        var (word, bits) = Bits(key, words.Length);
        return (words[word] & bits) == bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Word, ulong Bits) Bits(ulong key, int wordCount) =>
        ((int)(key >> 24) & (wordCount - 1), (1UL << (int)(key >> 52)) | (1UL << (int)(key >> 58)));
}
