using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class RunClvBucketConfiguration : IEntityTypeConfiguration<RunClvBucket>
{
    public void Configure(EntityTypeBuilder<RunClvBucket> builder)
    {
        builder.ToTable("clv_buckets");
        builder.HasKey(b => new { b.CalculationRunId, b.Position });
        builder.Property(b => b.From).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(b => b.To).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(b => b.TotalClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.HasOne<CalculationRun>().WithMany().HasForeignKey(b => b.CalculationRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
