using System.Collections.Concurrent;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// Hands the sales of an analysis read from the thread that parses the file to a second thread that files them
/// (the sink and the list of rows that may repeat others), in batches and in file order: parsing and filing cost about
/// the same, so a large file is read in about half the time on two cores.
/// </summary>
/// <remarks>
/// Both sides keep file order, so the result is exactly that of doing both on one thread. A failure on either side
/// stops the other: the filer's is rethrown by <see cref="Add"/> or <see cref="Complete"/>, and the parser's
/// leaves with <see cref="Dispose"/>, which waits for the filer.
/// </remarks>
internal sealed class SalePipeline : IDisposable
{
    private const int BatchRows = 4096;
    private const int BatchesInFlight = 4;

    private readonly BlockingCollection<Batch> _full = new(BatchesInFlight);
    private readonly BlockingCollection<Batch> _empty = new(BatchesInFlight + 1);
    private readonly CancellationTokenSource _failed = new();
    private readonly Task _filer;
    private Batch _filling = new();
    private Exception? _filerFailure;

    /// <summary>Starts the filing thread.</summary>
    public SalePipeline(IAnalysisRowSink sink, RepeatedRows rows)
    {
        for (var i = 0; i < BatchesInFlight; i++)
        {
            _empty.Add(new Batch());
        }

        _filer = Task.Factory.StartNew(() => File(sink, rows), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Queues one sale; <paramref name="customer"/> is copied.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="occurredAt">When.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="key">The row's key (see <see cref="RepeatedRows"/>); ignored unless <paramref name="identifiesOrder"/>.</param>
    /// <param name="identifiesOrder">Whether the row names its order, so that an identical row repeats it.</param>
    /// <param name="line">The row's line.</param>
    public void Add(ReadOnlySpan<char> customer, DateTimeOffset occurredAt, decimal amount, ulong key, bool identifiesOrder, long line)
    {
        _filling.Add(customer, occurredAt, amount, key, identifiesOrder, line);
        if (_filling.Count == BatchRows)
        {
            Hand();
        }
    }

    /// <summary>Files what is queued and waits for the filing thread to finish.</summary>
    public void Complete()
    {
        if (_filling.Count > 0)
        {
            Hand();
        }

        _full.CompleteAdding();
        _filer.Wait();
        ThrowIfFilerFailed();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
        {
            _failed.Cancel();
            _full.CompleteAdding();
        }

        try
        {
            _filer.Wait();
        }
        catch (AggregateException)
        {
            // The parser's own failure is what leaves; the filer only stopped because of it.
        }

        _full.Dispose();
        _empty.Dispose();
        _failed.Dispose();
    }

    private void Hand()
    {
        try
        {
            _full.Add(_filling, _failed.Token);
            _filling = _empty.Take(_failed.Token);
        }
        catch (OperationCanceledException) when (_filerFailure is not null)
        {
            ThrowIfFilerFailed();
        }
    }

    private void ThrowIfFilerFailed()
    {
        if (_filerFailure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private void File(IAnalysisRowSink sink, RepeatedRows rows)
    {
        try
        {
            foreach (var batch in _full.GetConsumingEnumerable(_failed.Token))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    sink.Add(batch.Customer(i), batch.OccurredAt[i], batch.Amounts[i]);
                    rows.Add(batch.Keys[i], batch.Lines[i], batch.IdentifiesOrder[i]);
                }

                batch.Clear();
                _empty.Add(batch);
            }
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
            // The parser failed and cancelled; nothing more to file.
        }
        catch (Exception e)
        {
            _filerFailure = e;
            _failed.Cancel();
        }
    }

    private sealed class Batch
    {
        private readonly int[] _customerEnd = new int[BatchRows];
        private char[] _customers = new char[BatchRows * 16];
        private int _customerLength;

        public DateTimeOffset[] OccurredAt { get; } = new DateTimeOffset[BatchRows];

        public decimal[] Amounts { get; } = new decimal[BatchRows];

        public ulong[] Keys { get; } = new ulong[BatchRows];

        public long[] Lines { get; } = new long[BatchRows];

        public bool[] IdentifiesOrder { get; } = new bool[BatchRows];

        public int Count { get; private set; }

        public ReadOnlySpan<char> Customer(int i)
        {
            var start = i == 0 ? 0 : _customerEnd[i - 1];
            return _customers.AsSpan(start, _customerEnd[i] - start);
        }

        public void Add(ReadOnlySpan<char> customer, DateTimeOffset occurredAt, decimal amount, ulong key, bool identifiesOrder, long line)
        {
            if (_customerLength + customer.Length > _customers.Length)
            {
                Array.Resize(ref _customers, Math.Max(_customers.Length * 2, _customerLength + customer.Length));
            }

            customer.CopyTo(_customers.AsSpan(_customerLength));
            _customerLength += customer.Length;
            _customerEnd[Count] = _customerLength;
            OccurredAt[Count] = occurredAt;
            Amounts[Count] = amount;
            Keys[Count] = key;
            Lines[Count] = line;
            IdentifiesOrder[Count] = identifiesOrder;
            Count++;
        }

        public void Clear()
        {
            Count = 0;
            _customerLength = 0;
        }
    }
}
