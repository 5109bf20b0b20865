using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class BusinessSettingsConfiguration : IEntityTypeConfiguration<BusinessSettings>
{
    public void Configure(EntityTypeBuilder<BusinessSettings> builder)
    {
        builder.ToTable("business_settings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TimeZoneId).HasMaxLength(ColumnLengths.Name);
        builder.Property(s => s.CurrencyCode).HasMaxLength(ColumnLengths.CurrencyCode).IsFixedLength();
        builder.Property(s => s.TimeUnit).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(s => s.AnnualDiscountRate).HasPrecision(9, 6);
        builder.Property(s => s.ProfitMargin).HasPrecision(9, 6);
        builder.Property(s => s.NightlyCron).HasMaxLength(ColumnLengths.Name);
        // Optimistic concurrency: two analysts saving at once must not silently overwrite each other.
        builder.Property(s => s.Version).IsConcurrencyToken();
        // The row exists from the first migration on, so readers never have to create it.
        builder.HasData(new BusinessSettings { Id = BusinessSettings.SingletonId, TimeZoneId = "UTC" });
    }
}
