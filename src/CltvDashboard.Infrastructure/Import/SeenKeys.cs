using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The reader's in-file duplicate window for rows that name their order: 64-bit keys (the start of a row's content hash, uniformly random) with the
/// line of the row that first had each.
/// </summary>
/// <remarks>
/// Nearly every row of a file is new, and a table of a million keys is far larger than the processor's caches, so
/// a lookup was a cache miss or two per row (a quarter of the reader's time). A bit filter of about 16 bits per
/// key, each key's two bits in one 64-bit word, answers most lookups of an absent key with one read from a few
/// megabytes; the table behind it keeps key and line side by side (open addressing), so that a lookup that gets
/// past the filter costs one miss more. A line is kept in 32 bits, so an entry is a key and a line and nothing
/// more; a key first seen beyond line 4,294,967,295 is not kept, as if the window were full.
/// </remarks>
internal sealed class SeenKeys
{
    private const int FilterBitsPerSlot = 8;

    private Entry[] _entries;
    private KeyFilter _filter;

    /// <summary>Creates an empty window sized for <paramref name="expectedKeys"/> keys, so that filling it rehashes nothing.</summary>
    public SeenKeys(int expectedKeys = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedKeys);
        var slots = (int)Math.Min(1 << 30, BitOperations.RoundUpToPowerOf2((uint)Math.Max(expectedKeys, 512) * 2));
        _entries = new Entry[slots];
        _filter = new KeyFilter(slots, FilterBitsPerSlot);
    }

    /// <summary>The number of keys held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="key"/> first seen on <paramref name="line"/> (at least 1), or gives the line of its earlier row.</summary>
    /// <returns>False when the key was already held; <paramref name="earlier"/> is then its first row's line.</returns>
    public bool TryAdd(ulong key, long line, out long earlier)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        if (_filter.MayHold(key) && TryGetValue(key, out earlier))
        {
            return false;
        }

        earlier = 0;
        if (line > uint.MaxValue)
        {
            return true;
        }

        if ((Count + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        Insert(_entries, _filter, key, (uint)line);
        Count++;
        return true;
    }

    /// <summary>Whether <paramref name="key"/> is held, and the line of its first row.</summary>
    public bool TryGetValue(ulong key, out long line)
    {
        if (!_filter.MayHold(key))
        {
            line = 0;
            return false;
        }

        var mask = _entries.Length - 1;
        for (var slot = (int)key & mask; _entries[slot].Line != 0; slot = (slot + 1) & mask)
        {
            if (_entries[slot].Key == key)
            {
                line = _entries[slot].Line;
                return true;
            }
        }

        line = 0;
        return false;
    }

    private static void Insert(Entry[] entries, KeyFilter filter, ulong key, uint line)
    {
        var mask = entries.Length - 1;
        var slot = (int)key & mask;
        while (entries[slot].Line != 0)
        {
            slot = (slot + 1) & mask;
        }

        entries[slot] = new Entry(key, (uint)line);
        filter.Add(key);
    }

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];
        var filter = new KeyFilter(entries.Length, FilterBitsPerSlot);
        foreach (var entry in _entries)
        {
            if (entry.Line != 0)
            {
                Insert(entries, filter, entry.Key, entry.Line);
            }
        }

        _entries = entries;
        _filter = filter;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Entry(ulong Key, uint Line);
}
