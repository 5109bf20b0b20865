using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class AlertCustomerStateConfiguration : IEntityTypeConfiguration<AlertCustomerState>
{
    public void Configure(EntityTypeBuilder<AlertCustomerState> builder)
    {
        builder.ToTable("alert_customer_states");
        builder.HasKey(s => new { s.Rule, s.CustomerId });
        builder.Property(s => s.Rule).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
    }
}
