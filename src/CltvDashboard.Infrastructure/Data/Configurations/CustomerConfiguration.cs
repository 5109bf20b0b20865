using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ExternalId).HasMaxLength(ColumnLengths.Identifier);
        builder.Property(c => c.AcquisitionChannel).HasMaxLength(ColumnLengths.Name);
        builder.Property(c => c.Email).HasMaxLength(ColumnLengths.Identifier);
        builder.Property(c => c.Name).HasMaxLength(ColumnLengths.Identifier);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        // Cohort pages group customers by acquisition month.
        builder.HasIndex(c => c.FirstSeenAtUtc);
    }
}
