using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunSegmentMigrationConfiguration : IEntityTypeConfiguration<RunSegmentMigration>
{
    public void Configure(EntityTypeBuilder<RunSegmentMigration> builder)
    {
        builder.ToTable("segment_migrations");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Segmentation).HasMaxLength(ColumnLengths.EnumName);
        builder.Property(m => m.FromSegment).HasMaxLength(ColumnLengths.Name);
        builder.Property(m => m.ToSegment).HasMaxLength(ColumnLengths.Name);
        builder.HasOne<CalculationRun>().WithMany().HasForeignKey(m => m.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CalculationRunId, m.Segmentation });
    }
}
