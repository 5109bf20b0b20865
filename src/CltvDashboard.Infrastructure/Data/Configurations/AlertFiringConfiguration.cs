using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class AlertFiringConfiguration : IEntityTypeConfiguration<AlertFiring>
{
    public void Configure(EntityTypeBuilder<AlertFiring> builder)
    {
        builder.ToTable("alert_firings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Rule).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(f => f.Summary).HasMaxLength(ColumnLengths.Message);
        builder.HasOne<CalculationRun>().WithMany().HasForeignKey(f => f.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
        // A rule fires at most once per run: a retried failing run or a re-evaluation adds nothing.
        builder.HasIndex(f => new { f.CalculationRunId, f.Rule }).IsUnique();
        builder.HasMany(f => f.Customers).WithOne().HasForeignKey(c => c.AlertFiringId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.Segments).WithOne().HasForeignKey(s => s.AlertFiringId).OnDelete(DeleteBehavior.Cascade);
    }
}
