namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>One bar of a run's predicted-CLV distribution: customers whose predicted CLV is in [From, To).</summary>
public class RunClvBucket
{
    /// <summary>The run.</summary>
    public long CalculationRunId { get; set; }

    /// <summary>The bar's place, 0 for the lowest.</summary>
    public int Position { get; set; }

    /// <summary>Lower bound, inclusive.</summary>
    public decimal From { get; set; }

    /// <summary>Upper bound, exclusive; null for the open last bar.</summary>
    public decimal? To { get; set; }

    /// <summary>Customers in the bar.</summary>
    public int Customers { get; set; }

    /// <summary>Their summed predicted CLV.</summary>
    public decimal TotalClv { get; set; }
}
