using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>
{
    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.ToTable("datasets");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(d => d.Currency).HasMaxLength(ColumnLengths.CurrencyCode).IsFixedLength();
        builder.Property(d => d.FileName).HasMaxLength(ColumnLengths.FileName);
        builder.Property(d => d.CreatedBy).HasMaxLength(ColumnLengths.Identifier);
        // The import that started a dataset may be removed with it (the demo's) or pruned; the dataset stays.
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(d => d.ImportBatchId).OnDelete(DeleteBehavior.SetNull);
    }
}
