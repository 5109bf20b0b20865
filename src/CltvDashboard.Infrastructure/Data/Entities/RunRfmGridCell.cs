namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One cell of a run's RFM grid: the customers with one recency score and one frequency-monetary score.</summary>
public class RunRfmGridCell
{
    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>R, 1–5, 5 the most recent.</summary>
    public int RecencyScore { get; set; }

    /// <summary>FM, 1–5: the mean of F and M rounded half up.</summary>
    public int FrequencyMonetaryScore { get; set; }

    /// <summary>Customers in the cell.</summary>
    public int Customers { get; set; }

    /// <summary>Their mean predicted CLV; null without a model.</summary>
    public decimal? MeanClv { get; set; }

    /// <summary>The RFM segment most of the cell's customers are in.</summary>
    public required string Segment { get; set; }
}
