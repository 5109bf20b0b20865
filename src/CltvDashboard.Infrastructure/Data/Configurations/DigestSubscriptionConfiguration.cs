using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class DigestSubscriptionConfiguration : IEntityTypeConfiguration<DigestSubscription>
{
    public void Configure(EntityTypeBuilder<DigestSubscription> builder)
    {
        builder.ToTable("digest_subscriptions");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UnsubscribeToken).HasMaxLength(ColumnLengths.Sha256Hex);
        builder.Property(s => s.LastError).HasMaxLength(ColumnLengths.Message);
        // The unsubscribe link finds its subscription by its token.
        builder.HasIndex(s => s.UnsubscribeToken).IsUnique();
        builder.HasOne<CltvUser>().WithOne().HasForeignKey<DigestSubscription>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
