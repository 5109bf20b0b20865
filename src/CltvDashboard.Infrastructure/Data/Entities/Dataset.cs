namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>
/// One generation of the store's data: started by the first import into an empty store and by every replacing
/// import. The current dataset is the newest. Runs record the dataset they were computed on, and results are only
/// compared between runs of one dataset: a replaced file is another business's history, not an earlier state of this one.
/// </summary>
public class Dataset
{
    /// <summary>The generation: each new dataset gets a higher number than every earlier one.</summary>
    public long Id { get; set; }

    /// <summary>Whether the data are the bundled demo or the business's own.</summary>
    public DatasetKind Kind { get; set; }

    /// <summary>
    /// The ISO 4217 currency of every stored transaction of the dataset: the one its rows name, or the one chosen at
    /// upload for rows that name none; null while the dataset holds no transaction.
    /// </summary>
    public string? Currency { get; set; }

    /// <summary>When the dataset was started, in UTC.</summary>
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The file that started it, without its folder.</summary>
    public string? FileName { get; set; }

    /// <summary>Who started it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>The import that started it; null when that import's record is gone.</summary>
    public long? ImportBatchId { get; set; }
}

/// <summary>Where a dataset's data come from.</summary>
public enum DatasetKind
{
    /// <summary>The business's own data.</summary>
    Own,

    /// <summary>The bundled demo (CDNOW), which never mixes with the business's data.</summary>
    Demo,
}
