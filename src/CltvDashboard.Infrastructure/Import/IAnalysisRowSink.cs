namespace CltvDashboard.Infrastructure.Import;

/// <summary>Receives the usable rows of an analysed file (<see cref="TransactionFileReader.ReadInto"/>).</summary>
internal interface IAnalysisRowSink
{
    /// <summary>Takes one row; <paramref name="customer"/> is only valid during the call.</summary>
    void Add(ReadOnlySpan<char> customer, DateTimeOffset occurredAt, decimal amount);

    /// <summary>Drops rows found, once the whole file is read, to repeat an earlier row of the file.</summary>
    /// <param name="positions">The rows' positions among those this read added (0 for its first), ascending.</param>
    void Remove(ReadOnlySpan<int> positions);
}
