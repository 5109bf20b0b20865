using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class TransactionConfiguration : IEntityTypeConfiguration<Transaction>
{
    public void Configure(EntityTypeBuilder<Transaction> builder)
    {
        builder.ToTable("transactions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Amount).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(t => t.Quantity).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.Property(t => t.Currency).HasMaxLength(ColumnLengths.CurrencyCode).IsFixedLength();
        builder.Property(t => t.OrderReference).HasMaxLength(ColumnLengths.Identifier);
        builder.Property(t => t.Channel).HasMaxLength(ColumnLengths.Name);
        builder.Property(t => t.ContentHash).HasMaxLength(ColumnLengths.Sha256Hex);

        builder.HasOne(t => t.Customer)
            .WithMany(c => c.Transactions)
            .HasForeignKey(t => t.CustomerId)
            .OnDelete(DeleteBehavior.Cascade);
        // Batches outlive a replace import, which deletes transactions but keeps the history of uploads.
        builder.HasOne(t => t.ImportBatch)
            .WithMany()
            .HasForeignKey(t => t.ImportBatchId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(t => t.ContentHash).IsUnique();
        // A customer's history in date order feeds summaries and the customer page.
        builder.HasIndex(t => new { t.CustomerId, t.OccurredAtUtc });
        // Revenue over time charts scan by date alone.
        builder.HasIndex(t => t.OccurredAtUtc);
        builder.HasIndex(t => t.ImportBatchId);
        builder.HasIndex(t => t.OrderReference);
    }
}
