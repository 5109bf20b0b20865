using CltvDashboard.Infrastructure.Data.Entities;
using System.Text.Json;
using CltvDashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

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
        builder.Property(b => b.Currency).HasMaxLength(ColumnLengths.CurrencyCode);
        // A handful of reasons, read and written with the batch: a JSON column rather than a table of its own.
        builder.Property(b => b.RejectedByReason)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonOptions),
                v => string.IsNullOrEmpty(v) ? new List<RejectedLines>() : JsonSerializer.Deserialize<List<RejectedLines>>(v, JsonOptions) ?? new List<RejectedLines>(),
                new ValueComparer<List<RejectedLines>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, r) => HashCode.Combine(h, r)), v => v.ToList()));
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(b => b.RedoneByBatchId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Dataset>().WithMany().HasForeignKey(b => b.DatasetId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(b => b.Problems)
            .WithOne(p => p.ImportBatch)
            .HasForeignKey(p => p.ImportBatchId)
            .OnDelete(DeleteBehavior.Cascade);

        // Finding an earlier upload of the same file warns before a re-import.
        builder.HasIndex(b => b.Checksum);
        // The import that redoes an upload finds the earlier, interrupted import of it.
        builder.HasIndex(b => b.UploadId);
        // The import history lists the latest first.
        builder.HasIndex(b => b.StartedAtUtc);
    }
}
