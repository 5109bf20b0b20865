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
        builder.Property(m => m.AverageOrderValue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(m => m.PredictedClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(m => m.Segment).HasMaxLength(ColumnLengths.Name);
        builder.Property(m => m.ValueTier).HasMaxLength(ColumnLengths.EnumName);
        builder.Property(m => m.ChurnRiskBand).HasMaxLength(ColumnLengths.EnumName);
        builder.Property(m => m.AcquisitionChannel).HasMaxLength(ColumnLengths.Name);
        builder.Property(m => m.ExpectedAverageValue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.HasOne(m => m.Customer).WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);

        // Segment drill-downs and the top-customers table of the current run.
        builder.HasIndex(m => new { m.CalculationRunId, m.Segment });
        builder.HasIndex(m => new { m.CalculationRunId, m.PredictedClv });
        builder.HasIndex(m => m.CustomerId);
    }
}
