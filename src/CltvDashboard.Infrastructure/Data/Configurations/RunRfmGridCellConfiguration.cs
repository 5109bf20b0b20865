using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunRfmGridCellConfiguration : IEntityTypeConfiguration<RunRfmGridCell>
{
    public void Configure(EntityTypeBuilder<RunRfmGridCell> builder)
    {
        builder.ToTable("rfm_grid_cells");
        builder.HasKey(c => new { c.CalculationRunId, c.RecencyScore, c.FrequencyMonetaryScore });
        builder.Property(c => c.MeanClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(c => c.Segment).HasMaxLength(ColumnLengths.Name);
        builder.HasOne<CalculationRun>().WithMany().HasForeignKey(c => c.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
