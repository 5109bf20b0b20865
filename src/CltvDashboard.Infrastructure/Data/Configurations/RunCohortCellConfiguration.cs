using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunCohortCellConfiguration : IEntityTypeConfiguration<RunCohortCell>
{
    public void Configure(EntityTypeBuilder<RunCohortCell> builder)
    {
        builder.ToTable("cohort_cells");
        // The channel sits before the month in the key: a page reads one channel's cells of a run, in month order.
        builder.HasKey(c => new { c.CalculationRunId, c.Channel, c.AcquisitionMonth, c.MonthsSinceAcquisition });
        builder.Property(c => c.Channel).HasMaxLength(ColumnLengths.Name);
        builder.Property(c => c.Revenue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(c => c.CumulativeRevenue).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
    }
}
