using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunKpiSummaryConfiguration : IEntityTypeConfiguration<RunKpiSummary>
{
    public void Configure(EntityTypeBuilder<RunKpiSummary> builder)
    {
        builder.ToTable("kpi_summaries");
        builder.HasKey(k => k.CalculationRunId);
        builder.Property(k => k.CalculationRunId).ValueGeneratedNever();
        builder.Property(k => k.AverageOrderValue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(k => k.HistoricalRevenue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(k => k.PredictedRevenue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(k => k.TotalClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(k => k.MeanClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(k => k.MedianClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(k => k.RuleOfThumbClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(k => k.RuleOfThumbAcquisitionCost).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.HasOne<CalculationRun>().WithOne().HasForeignKey<RunKpiSummary>(k => k.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
