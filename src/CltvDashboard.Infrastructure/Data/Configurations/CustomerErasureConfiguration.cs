using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class CustomerErasureConfiguration : IEntityTypeConfiguration<CustomerErasure>
{
    public void Configure(EntityTypeBuilder<CustomerErasure> builder)
    {
        builder.ToTable("customer_erasures");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Pseudonym).HasMaxLength(ColumnLengths.Identifier);
        builder.Property(e => e.ErasedByUserId).HasMaxLength(ColumnLengths.Identifier);
        builder.Property(e => e.ErasedByEmail).HasMaxLength(ColumnLengths.Identifier);
        builder.HasIndex(e => e.ErasedAtUtc);
    }
}
