using System.Runtime.InteropServices;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The current run of one customer's consecutive rows and how often each row key occurred in it: identical rows in
/// one run are separate purchases (two equal line items of an order, two coffees on one day), so a repeat within the
/// run becomes a key of its own and only a repeat of a whole earlier run is a duplicate.
/// </summary>
/// <remarks>
/// Runs are a few rows long, so the keys are kept in a small array searched from the start; a long run moves to a
/// dictionary. Either way the run is forgotten after <see cref="Memory"/> rows, which bounds the memory a file of one
/// customer can take.
/// </remarks>
internal sealed class CustomerRun
{
    private const int Memory = 10_000;
    private const int Small = 64;

    private readonly ulong[] _smallKeys = new ulong[Small];
    private readonly int[] _smallCounts = new int[Small];
    private Dictionary<ulong, int>? _large;
    private char[] _customer = new char[64];
    private int _customerLength;
    private int _distinct;
    private int _rows;

    /// <summary>Whether the last row given to <see cref="Occurrence"/> started a run.</summary>
    public bool Started { get; private set; }

    /// <summary>How many earlier rows of the current run of <paramref name="customer"/> had <paramref name="key"/>; starts a new run when the customer changes.</summary>
    public int Occurrence(ReadOnlySpan<char> customer, ulong key)
    {
        Started = _rows >= Memory || !customer.SequenceEqual(_customer.AsSpan(0, _customerLength));
        if (Started)
        {
            Start(customer);
        }

        _rows++;
        if (_large is not null)
        {
            ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_large, key, out _);
            return seen++;
        }

        for (var i = 0; i < _distinct; i++)
        {
            if (_smallKeys[i] == key)
            {
                return _smallCounts[i]++;
            }
        }

        if (_distinct == Small)
        {
            _large = new Dictionary<ulong, int>(Small * 2);
            for (var i = 0; i < Small; i++)
            {
                _large.Add(_smallKeys[i], _smallCounts[i]);
            }

            _large.Add(key, 1);
            return 0;
        }

        _smallKeys[_distinct] = key;
        _smallCounts[_distinct] = 1;
        _distinct++;
        return 0;
    }

    private void Start(ReadOnlySpan<char> customer)
    {
        _large = null;
        _distinct = 0;
        _rows = 0;
        if (_customer.Length < customer.Length)
        {
            _customer = new char[customer.Length * 2];
        }

        customer.CopyTo(_customer);
        _customerLength = customer.Length;
    }
}
