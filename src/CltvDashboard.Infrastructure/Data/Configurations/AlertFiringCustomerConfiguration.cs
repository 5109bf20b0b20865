using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class AlertFiringCustomerConfiguration : IEntityTypeConfiguration<AlertFiringCustomer>
{
    public void Configure(EntityTypeBuilder<AlertFiringCustomer> builder)
    {
        builder.ToTable("alert_firing_customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.PredictedClv).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.HasIndex(c => new { c.AlertFiringId, c.Position });
    }
}
