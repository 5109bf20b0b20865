using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.ToTable("alert_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.HasOne<AlertFiring>().WithMany().HasForeignKey(d => d.AlertFiringId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.WebhookEndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CltvUser>().WithMany().HasForeignKey(d => d.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.AlertDeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.Status);
        builder.HasIndex(d => d.AlertFiringId);
    }
}
