using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class ChannelAcquisitionCostConfiguration : IEntityTypeConfiguration<ChannelAcquisitionCost>
{
    public void Configure(EntityTypeBuilder<ChannelAcquisitionCost> builder)
    {
        builder.ToTable("channel_acquisition_costs");
        builder.HasKey(c => new { c.BusinessSettingsId, c.Channel });
        builder.Property(c => c.Channel).HasMaxLength(ColumnLengths.Name);
        builder.Property(c => c.CostPerCustomer).HasPrecision(ColumnLengths.MoneyPrecision, ColumnLengths.MoneyScale);
        builder.HasOne<BusinessSettings>()
            .WithMany(s => s.AcquisitionCosts)
            .HasForeignKey(c => c.BusinessSettingsId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
