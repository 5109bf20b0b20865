using System.Numerics;

namespace CltvDashboard.Domain.Transactions;

/// <summary>
/// Customer identifiers numbered in first-seen order, found by their text without making a string.
/// </summary>
/// <remarks>
/// A log of a million customers meets a million identifiers it has not seen; in a dictionary of strings each costs
/// misses in a table of tens of megabytes and in the strings it compares. Here a slot is one 64-bit word, a hash
/// code and a number (about 16 bytes a customer, so the table stays in the processor's cache for longer), and a
/// string is only compared when its hash code matches. The hash codes are the runtime's randomised ones, so a file
/// crafted to collide cannot slow a read down.
/// </remarks>
internal sealed class CustomerIndex
{
    private readonly List<string> _ids = [];
    private ulong[] _slots = new ulong[1024];

    /// <summary>Identifiers held.</summary>
    public int Count => _ids.Count;

    /// <summary>The identifier numbered <paramref name="index"/>.</summary>
    public string this[int index] => _ids[index];

    /// <summary>The number of <paramref name="id"/>, numbering it next when it is new.</summary>
    public int GetOrAdd(string id) => GetOrAdd(id, id);

    /// <summary>The number of <paramref name="id"/>, numbering it next (as a new string) when it is new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> id) => GetOrAdd(id, null);

    private int GetOrAdd(ReadOnlySpan<char> id, string? text)
    {
        var hash = (uint)string.GetHashCode(id);
        var mask = _slots.Length - 1;
        for (var slot = (int)(hash & mask); ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                var index = _ids.Count;
                _ids.Add(text ?? id.ToString());
                _slots[slot] = ((ulong)hash << 32) | (uint)(index + 1);
                if (_ids.Count * 2 > _slots.Length)
                {
                    Grow();
                }

                return index;
            }

            if ((uint)(entry >> 32) == hash && id.SequenceEqual(_ids[(int)(uint)entry - 1]))
            {
                return (int)(uint)entry - 1;
            }
        }
    }

    private void Grow()
    {
        var slots = new ulong[(int)BitOperations.RoundUpToPowerOf2((uint)_slots.Length * 2)];
        var mask = slots.Length - 1;
        foreach (var entry in _slots)
        {
            if (entry == 0)
            {
                continue;
            }

            var slot = (int)((uint)(entry >> 32) & mask);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }

        _slots = slots;
    }
}
