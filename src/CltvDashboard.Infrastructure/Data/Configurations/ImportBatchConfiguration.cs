using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("import_batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.FileName).HasMaxLength(ColumnLengths.FileName);
        builder.Property(b => b.Checksum).HasMaxLength(ColumnLengths.Sha256Hex);
        builder.Property(b => b.ImportedBy).HasMaxLength(ColumnLengths.Identifier);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(b => b.Mode).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(b => b.SettingsJson);
        builder.Property(b => b.Header);
        builder.Property(b => b.FailureMessage);

        builder.HasMany(b => b.Problems)
            .WithOne(p => p.ImportBatch)
            .HasForeignKey(p => p.ImportBatchId)
            .OnDelete(DeleteBehavior.Cascade);

        // Finding an earlier upload of the same file warns before a re-import.
        builder.HasIndex(b => b.Checksum);
        // The import history lists the latest first.
        builder.HasIndex(b => b.StartedAtUtc);
    }
}
