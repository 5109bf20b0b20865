using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunModelFitConfiguration : IEntityTypeConfiguration<RunModelFit>
{
    public void Configure(EntityTypeBuilder<RunModelFit> builder)
    {
        builder.ToTable("model_fits");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.ModelName).HasMaxLength(ColumnLengths.Name);
        builder.Property(f => f.ParametersJson);
        builder.Property(f => f.Warnings);
        builder.Property(f => f.Period).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(f => f.StandardErrorsJson);
        builder.HasIndex(f => new { f.CalculationRunId, f.ModelName, f.Period }).IsUnique();
    }
}
