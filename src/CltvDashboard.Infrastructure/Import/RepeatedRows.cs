using System.Numerics;
using System.Runtime.InteropServices;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The in-file dedupe of an analysis read, done once every row is in: a row that names its order repeats an earlier
/// one when their keys are equal (a key covers the customer and the rest of the row's content, see
/// <see cref="RowContentHash.Key"/>). Rows without an order reference never repeat one another: each is a purchase
/// (see <see cref="TransactionFileReader"/>), and a file of them needs no search at all.
/// </summary>
/// <remarks>
/// Looking each row up in a table of every key seen costs a cache miss per row on a file of millions of rows. Here a
/// row only appends its key; at the end the rows are split by the top bits of their keys into buckets small enough
/// for a table that stays in the processor's cache, and each bucket is searched in file order, so that every repeat
/// is found, however far apart in the file, in a few sequential passes. Lines are kept as the few places where a
/// row's line stops following from its position (rows rejected, blank lines), not one per row.
/// </remarks>
internal sealed class RepeatedRows
{
    private const int RowsPerBucket = 1 << 14;

    private readonly List<(int Position, long Offset)> _lineOffsets = [];
    private ulong[] _keys = [];
    private int[] _positions = [];
    private int _identified;
    private long _lineOffset = long.MinValue;

    /// <summary>Rows added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the next row: its key and its line.</summary>
    /// <param name="key">The row's key; ignored unless <paramref name="identifiesOrder"/>.</param>
    /// <param name="line">The row's line.</param>
    /// <param name="identifiesOrder">Whether the row names its order, so that an identical row repeats it.</param>
    public void Add(ulong key, long line, bool identifiesOrder)
    {
        if (line - Count != _lineOffset)
        {
            _lineOffset = line - Count;
            _lineOffsets.Add((Count, _lineOffset));
        }

        if (identifiesOrder)
        {
            if (_identified == _keys.Length)
            {
                var size = (int)Math.Min(Array.MaxLength, Math.Max(1024L, (long)_identified * 2));
                Array.Resize(ref _keys, size);
                Array.Resize(ref _positions, size);
            }

            _keys[_identified] = key;
            _positions[_identified++] = Count;
        }

        Count++;
    }

    /// <summary>The rows that repeat an earlier row, by position (ascending), each with its line and the earlier row's line.</summary>
    public IReadOnlyList<Repeat> Find()
    {
        var repeats = new List<Repeat>();
        var count = _identified;
        if (count < 2)
        {
            return repeats;
        }

        var bits = Math.Clamp(BitOperations.Log2((uint)(count / RowsPerBucket) + 1) + 1, 0, 16);
        var shift = 64 - bits;
        var buckets = 1 << bits;
        var offsets = new int[buckets + 1];
        for (var i = 0; i < count; i++)
        {
            offsets[Bucket(_keys[i], shift) + 1]++;
        }

        for (var b = 0; b < buckets; b++)
        {
            offsets[b + 1] += offsets[b];
        }

        // Keys and positions grouped by bucket, in file order within each, so that the first row with a key is met
        // first and a bucket is read in one sweep.
        var keys = new ulong[count];
        var positions = new int[count];
        var next = offsets.AsSpan(0, buckets).ToArray();
        for (var i = 0; i < count; i++)
        {
            var at = next[Bucket(_keys[i], shift)]++;
            keys[at] = _keys[i];
            positions[at] = _positions[i];
        }

        var first = new Dictionary<ulong, int>(RowsPerBucket * 2);
        for (var b = 0; b < buckets; b++)
        {
            first.Clear();
            for (var i = offsets[b]; i < offsets[b + 1]; i++)
            {
                ref var earlier = ref CollectionsMarshal.GetValueRefOrAddDefault(first, keys[i], out var seen);
                if (seen)
                {
                    repeats.Add(new Repeat(positions[i], Line(positions[i]), Line(earlier)));
                }
                else
                {
                    earlier = positions[i];
                }
            }
        }

        repeats.Sort((x, y) => x.Position.CompareTo(y.Position));
        return repeats;
    }

    private static int Bucket(ulong key, int shift) => shift == 64 ? 0 : (int)(key >> shift);

    private long Line(int position)
    {
        var at = _lineOffsets.BinarySearch((position, long.MaxValue));
        var (_, offset) = _lineOffsets[at >= 0 ? at : ~at - 1];
        return position + offset;
    }

    /// <summary>A row that repeats an earlier row of the file.</summary>
    /// <param name="Position">Its position among the rows added.</param>
    /// <param name="Line">Its line.</param>
    /// <param name="EarlierLine">The line of the first row it repeats.</param>
    public readonly record struct Repeat(int Position, long Line, long EarlierLine);
}
