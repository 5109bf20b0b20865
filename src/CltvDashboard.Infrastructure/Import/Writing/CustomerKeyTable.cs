namespace CltvDashboard.Infrastructure.Import.Writing;

/// <summary>
/// The customers of a direct import: each key once, numbered in the order first met, with the earliest time of its
/// rows. Keys are kept as characters in large chunks rather than as a string each, and found by open addressing:
/// a million customers take less than half the memory of a dictionary of strings (bench/README.md), which kept the
/// import of a large file under its memory budget.
/// </summary>
internal sealed class CustomerKeyTable
{
    private const int ChunkBits = 16;
    private const int ChunkLength = 1 << ChunkBits;

    private readonly List<char[]> _chunks = [];
    private int[] _slots = new int[1 << 10];
    private int[] _positions = new int[1 << 9];
    private int[] _lengths = new int[1 << 9];
    private long[] _firstSeen = new long[1 << 9];
    private int _chunkUsed = ChunkLength;

    /// <summary>The number of distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>The number of <paramref name="key"/>, added when new; its earliest time becomes <paramref name="ticks"/> when earlier.</summary>
    public int Add(ReadOnlySpan<char> key, long ticks)
    {
        var mask = _slots.Length - 1;
        var slot = string.GetHashCode(key) & mask;
        while (_slots[slot] is var entry and not 0)
        {
            var index = entry - 1;
            if (Key(index).SequenceEqual(key))
            {
                SeenAt(index, ticks);
                return index;
            }

            slot = (slot + 1) & mask;
        }

        var added = Count++;
        if (added == _positions.Length)
        {
            Array.Resize(ref _positions, added * 2);
            Array.Resize(ref _lengths, added * 2);
            Array.Resize(ref _firstSeen, added * 2);
        }

        _positions[added] = Store(key);
        _lengths[added] = key.Length;
        _firstSeen[added] = ticks;
        _slots[slot] = added + 1;
        // At most half full, so that a probe ends after a slot or two.
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return added;
    }

    /// <summary>Moves the earliest time of the key numbered <paramref name="index"/> back to <paramref name="ticks"/> when earlier.</summary>
    public void SeenAt(int index, long ticks)
    {
        if (ticks < _firstSeen[index])
        {
            _firstSeen[index] = ticks;
        }
    }

    /// <summary>The key numbered <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Key(int index)
    {
        var position = _positions[index];
        return _chunks[position >> ChunkBits].AsSpan(position & (ChunkLength - 1), _lengths[index]);
    }

    /// <summary>The earliest time, in UTC ticks, of the rows of the key numbered <paramref name="index"/>.</summary>
    public long FirstSeenTicks(int index) => _firstSeen[index];

    // A key longer than a chunk gets a chunk of its own.
    private int Store(ReadOnlySpan<char> key)
    {
        if (_chunkUsed + key.Length > ChunkLength || key.Length > ChunkLength)
        {
            _chunks.Add(new char[Math.Max(ChunkLength, key.Length)]);
            _chunkUsed = 0;
        }

        var position = ((_chunks.Count - 1) << ChunkBits) | _chunkUsed;
        key.CopyTo(_chunks[^1].AsSpan(_chunkUsed));
        _chunkUsed += key.Length;
        return position;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var index = 0; index < Count; index++)
        {
            var slot = string.GetHashCode(Key(index)) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = index + 1;
        }

        _slots = slots;
    }
}
