using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    /// <summary>Longest webhook address kept.</summary>
    public const int UrlLength = 2000;

    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Name).HasMaxLength(ColumnLengths.Name);
        builder.Property(w => w.Url).HasMaxLength(UrlLength);
        builder.Property(w => w.Secret).HasMaxLength(ColumnLengths.Name);
    }
}
