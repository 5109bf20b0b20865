using CltvDashboard.Domain.Validation;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunModelCheckPointConfiguration : IEntityTypeConfiguration<RunModelCheckPoint>
{
    public void Configure(EntityTypeBuilder<RunModelCheckPoint> builder)
    {
        builder.ToTable("model_check_points");
        builder.HasKey(p => new { p.CalculationRunId, p.Kind, p.Position });
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.HasOne<CalculationRun>().WithMany().HasForeignKey(p => p.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
