using CltvDashboard.Infrastructure.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    /// <summary>Characters of a token kept for display: the scheme's <c>cltv_</c> and a few of the secret.</summary>
    public const int PrefixLength = 16;

    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(ColumnLengths.Name);
        builder.Property(t => t.SecretHash).HasMaxLength(ColumnLengths.Sha256Hex);
        builder.Property(t => t.Prefix).HasMaxLength(PrefixLength);
        // Every API request looks its token up by hash.
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<CltvUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
