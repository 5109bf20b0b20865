using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunCustomerMetricConfiguration : IEntityTypeConfiguration<RunCustomerMetric>
{
    public void Configure(EntityTypeBuilder<RunCustomerMetric> builder)
    {
        builder.ToTable("customer_metrics");
        builder.HasKey(m => new { m.CalculationRunId, m.CustomerId });
        builder.Property(m => m.TotalRevenue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(m => m.MeanRepeatPurchaseValue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(m => m.PredictedClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(m => m.Segment).HasMaxLength(ColumnLengths.Name);
        builder.Property(m => m.ValueTier).HasMaxLength(ColumnLengths.EnumName);
        builder.Property(m => m.ChurnRiskBand).HasMaxLength(ColumnLengths.EnumName);
        builder.Property(m => m.AcquisitionChannel).HasMaxLength(ColumnLengths.Name);
        builder.Property(m => m.ExpectedAverageValue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(m => m.ClvLow80).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(m => m.ClvHigh80).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);

        // No foreign key to customers, on purpose. Checking it locks every customer row a run writes (FOR KEY SHARE),
        // which rewrites and WAL-logs the whole customers table on each run (bench/README.md has the cost). And a
        // run's results are a snapshot: a replace import that deletes customers must not
        // cascade into the current run that dashboards serve. Join customers on CustomerId where the name is needed.

        // Segment drill-downs of the current run. There is deliberately no index on predicted CLV: a run writes a
        // million rows in CLV order nobody knows in advance, and maintaining it cost a large share of the write
        // (bench/README.md), while a top-N sort of one run's rows is cheap.
        builder.HasIndex(m => new { m.CalculationRunId, m.Segment });
        // Nor an index on the customer alone: it spans every kept run, so each run's million rows would land between
        // the earlier runs' entries all over it. A customer's history across runs is found through the primary key
        // (calculation_run_id IN (...) AND customer_id = ...), a probe per kept run.
    }
}
