namespace CltvDashboard.Infrastructure.SampleData;

/// <summary>A transaction file that ships with the product, for trying it out without data of one's own.</summary>
/// <param name="Name">What to call it in the interface.</param>
/// <param name="FileName">The file name an import records.</param>
/// <param name="Currency">The currency its amounts are in (the file names none).</param>
/// <param name="Description">One sentence on where it comes from.</param>
public sealed record SampleDataset(string Name, string FileName, string Currency, string Description)
{
    /// <summary>Opens the file's bytes; the caller disposes the stream.</summary>
    public Stream Open() =>
        typeof(SampleDataset).Assembly.GetManifestResourceStream($"{typeof(SampleDataset).Namespace}.{FileName}")
        ?? throw new InvalidOperationException($"The sample dataset {FileName} is missing from the build.");
}

/// <summary>The datasets that ship with the product.</summary>
public static class SampleDatasets
{
    /// <summary>
    /// CDNOW's 1997 first-quarter cohort, 23,570 customers and 69,659 transactions to June 1998: the standard data set
    /// of the customer-base-analysis literature (Fader, Hardie &amp; Lee 2005), amounts in US dollars.
    /// </summary>
    public static SampleDataset Cdnow { get; } = new(
        "CDNOW (online music store, 1997–1998)",
        "cdnow_master.csv",
        "USD",
        "The full purchase history of the 23,570 customers who first bought at CDNOW in the first quarter of 1997, as published by Fader and Hardie.");
}
