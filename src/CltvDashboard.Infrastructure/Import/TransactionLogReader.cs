using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// Reads a transaction file straight into a <see cref="TransactionLog"/> for analysis, through the import's reader:
/// the same layouts, exclusions, refunds and in-file dedupe, with each row's day cut by <see cref="PurchaseDay"/> in
/// <see cref="ImportOptions.BusinessTimeZone"/>, as the recalculation cuts the stored rows. A file analysed this way
/// and the same file imported and recalculated with the same settings give the same purchase occasions.
/// </summary>
public static class TransactionLogReader
{
    /// <summary>Reads every usable row of <paramref name="stream"/> into <paramref name="log"/>.</summary>
    /// <param name="stream">The file, positioned at its start; left open.</param>
    /// <param name="options">How to read it; without a currency, rows that name none are read in ISO 4217's XXX.</param>
    /// <param name="log">Receives each usable row.</param>
    /// <param name="progress">Called with the number of rows read every million rows.</param>
    /// <returns>The counts and problems, as an import would report them.</returns>
    /// <exception cref="ImportFileException">The file cannot be read at all; the message says why.</exception>
    public static ImportReadSummary Read(Stream stream, ImportOptions options, TransactionLog log, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        using var reader = TransactionFileReader.OpenForAnalysis(stream, options);
        reader.ReadInto(new LogSink(log, options.BusinessTimeZone, progress));
        return reader.Summary;
    }

    private sealed class LogSink(TransactionLog log, TimeZoneInfo zone, Action<long>? progress) : IAnalysisRowSink
    {
        private readonly int _firstRow = log.Count;
        private long _rows;

        public void Add(ReadOnlySpan<char> customer, DateTimeOffset occurredAt, decimal amount)
        {
            if (progress is not null && ++_rows % 1_000_000 == 0)
            {
                progress(_rows);
            }

            log.Add(customer, PurchaseDay.Of(occurredAt, zone), amount);
        }

        public void Remove(ReadOnlySpan<int> positions)
        {
            var rows = new int[positions.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = _firstRow + positions[i];
            }

            log.RemoveRows(rows);
        }
    }
}
