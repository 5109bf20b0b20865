using System.Numerics;
using System.Runtime.InteropServices;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The in-file dedupe of an analysis read, done once every row is in: a row repeats an earlier one when their keys
/// are equal (a key covers the customer and the rest of the row's content, see <see cref="RowContentHash.Key"/>).
/// </summary>
/// <remarks>
/// Looking each row up in a table of every key seen costs a cache miss per row on a file of millions of rows. Here a
/// row only appends its key; at the end the rows are split by the top bits of their keys into buckets small enough
/// for a table that stays in the processor's cache, and each bucket is searched in file order, so that every repeat
/// is found, however far apart in the file, in a few sequential passes. Only a customer's return after other
/// customers' rows can repeat an earlier row (identical rows within one run of a customer's rows are separate
/// purchases, see <see cref="CustomerRun"/>), so a file that lists each customer's rows together needs no search.
/// Lines are kept as the few places where a row's line stops following from its position (rows rejected, blank
/// lines), not one per row.
/// </remarks>
internal sealed class RepeatedRows
{
    private const int RowsPerBucket = 1 << 14;

    private readonly List<(int Position, long Offset)> _lineOffsets = [];
    private ulong[] _keys;
    private long _lineOffset = long.MinValue;
    private bool _anyMayRepeat;

    /// <summary>Creates an empty list sized for <paramref name="expectedRows"/> rows.</summary>
    public RepeatedRows(int expectedRows) => _keys = new ulong[Math.Max(expectedRows, 16)];

    /// <summary>Rows added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the next row: its key and its line.</summary>
    /// <param name="key">The row's key.</param>
    /// <param name="line">The row's line.</param>
    /// <param name="mayRepeat">Whether the row starts a run of a customer met before (rows that do not, and none of the rows after them up to such a row, can repeat an earlier one).</param>
    public void Add(ulong key, long line, bool mayRepeat)
    {
        _anyMayRepeat |= mayRepeat;
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, (int)Math.Min(Array.MaxLength, (long)Count * 2));
        }

        if (line - Count != _lineOffset)
        {
            _lineOffset = line - Count;
            _lineOffsets.Add((Count, _lineOffset));
        }

        _keys[Count++] = key;
    }

    /// <summary>The rows that repeat an earlier row, by position (ascending), each with its line and the earlier row's line.</summary>
    public IReadOnlyList<Repeat> Find()
    {
        var repeats = new List<Repeat>();
        if (!_anyMayRepeat)
        {
            return repeats;
        }

        var bits = Math.Clamp(BitOperations.Log2((uint)(Count / RowsPerBucket) + 1) + 1, 0, 16);
        var shift = 64 - bits;
        var buckets = 1 << bits;
        var offsets = new int[buckets + 1];
        for (var i = 0; i < Count; i++)
        {
            offsets[Bucket(_keys[i], shift) + 1]++;
        }

        for (var b = 0; b < buckets; b++)
        {
            offsets[b + 1] += offsets[b];
        }

        // Keys and positions grouped by bucket, in file order within each, so that the first row with a key is met
        // first and a bucket is read in one sweep.
        var keys = new ulong[Count];
        var positions = new int[Count];
        var next = offsets.AsSpan(0, buckets).ToArray();
        for (var i = 0; i < Count; i++)
        {
            var at = next[Bucket(_keys[i], shift)]++;
            keys[at] = _keys[i];
            positions[at] = i;
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
