using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunSegmentSummaryConfiguration : IEntityTypeConfiguration<RunSegmentSummary>
{
    public void Configure(EntityTypeBuilder<RunSegmentSummary> builder)
    {
        builder.ToTable("segment_summaries");
        builder.HasKey(s => new { s.CalculationRunId, s.Segmentation, s.Segment });
        builder.Property(s => s.Segmentation).HasMaxLength(ColumnLengths.EnumName);
        builder.Property(s => s.Segment).HasMaxLength(ColumnLengths.Name);
        builder.Property(s => s.TotalRevenue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(s => s.AverageOrderValue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(s => s.AveragePredictedClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(s => s.AcquisitionCostPerCustomer).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(s => s.TotalPredictedClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(s => s.RuleOfThumbClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
    }
}
