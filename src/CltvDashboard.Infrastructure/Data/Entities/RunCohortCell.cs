namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One cell of the acquisition-cohort table of a calculation run: a cohort in one month of its life.</summary>
public class RunCohortCell
{
    /// <summary>The <see cref="Channel"/> of the cells that count every customer, whatever the channel.</summary>
    public const string AllChannels = "";

    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>
    /// The acquisition channel whose customers the cell counts, or <see cref="AllChannels"/> (empty) for every
    /// customer. Per-channel cells are stored only when some customer has a channel; customers without one then
    /// count under <c>Unknown</c>, so a run's channel cells add up to its all-channel cells.
    /// </summary>
    public string Channel { get; set; } = AllChannels;

    /// <summary>The first day of the cohort's acquisition month, in the business's time zone.</summary>
    public DateOnly AcquisitionMonth { get; set; }

    /// <summary>Calendar months since the acquisition month, 0 for that month itself.</summary>
    public int MonthsSinceAcquisition { get; set; }

    /// <summary>Customers acquired in the acquisition month.</summary>
    public int CohortSize { get; set; }

    /// <summary>Cohort customers with a purchase occasion in this month.</summary>
    public int ActiveCustomers { get; set; }

    /// <summary>Net revenue of the cohort in this month.</summary>
    public decimal Revenue { get; set; }

    /// <summary>Net revenue of the cohort from its acquisition month to this month, inclusive.</summary>
    public decimal CumulativeRevenue { get; set; }

    /// <summary>Whether the as-of date cuts this month short.</summary>
    public bool IsPartial { get; set; }
}
