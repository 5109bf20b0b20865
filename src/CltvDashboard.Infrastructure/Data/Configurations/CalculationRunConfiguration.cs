using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class CalculationRunConfiguration : IEntityTypeConfiguration<CalculationRun>
{
    public void Configure(EntityTypeBuilder<CalculationRun> builder)
    {
        builder.ToTable("calculation_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(r => r.Stage).HasMaxLength(ColumnLengths.Name);
        builder.Property(r => r.Error);
        builder.Property(r => r.ChosenModel).HasMaxLength(ColumnLengths.Name);
        builder.Property(r => r.SettingsJson);
        builder.Property(r => r.StageTimingsJson);
        builder.Property(r => r.Currency).HasMaxLength(ColumnLengths.CurrencyCode).IsFixedLength();
        // A dataset is removed only with its runs (the demo's), so a run never points at a dataset that is gone.
        builder.HasOne<Dataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(r => r.CustomerMetrics).WithOne().HasForeignKey(m => m.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.SegmentSummaries).WithOne().HasForeignKey(s => s.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.CohortCells).WithOne().HasForeignKey(c => c.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.ModelFits).WithOne().HasForeignKey(f => f.CalculationRunId).OnDelete(DeleteBehavior.Cascade);

        // The database itself guarantees one current run. The filter is the bare boolean column, which both
        // PostgreSQL and SQLite accept as a partial-index predicate, so one model serves both providers.
        builder.HasIndex(r => r.IsCurrent).IsUnique().HasFilter("is_current");
        builder.HasIndex(r => r.RequestedAtUtc);
    }
}
