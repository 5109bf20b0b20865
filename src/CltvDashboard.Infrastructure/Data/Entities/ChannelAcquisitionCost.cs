namespace CltvDashboard.Infrastructure.Data.Entities;

/// <summary>What acquiring one customer through a channel costs, in the dataset's currency.</summary>
public class ChannelAcquisitionCost
{
    /// <summary>Always <see cref="BusinessSettings.SingletonId"/>.</summary>
    public int BusinessSettingsId { get; set; } = BusinessSettings.SingletonId;

    /// <summary>The acquisition channel as it appears on customers (case-sensitive).</summary>
    public required string Channel { get; set; }

    /// <summary>Average cost to acquire one customer (0 or more).</summary>
    public decimal CostPerCustomer { get; set; }
}
