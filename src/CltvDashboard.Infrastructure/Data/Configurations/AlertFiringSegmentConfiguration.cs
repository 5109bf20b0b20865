using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class AlertFiringSegmentConfiguration : IEntityTypeConfiguration<AlertFiringSegment>
{
    public void Configure(EntityTypeBuilder<AlertFiringSegment> builder)
    {
        builder.ToTable("alert_firing_segments");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Segmentation).HasMaxLength(ColumnLengths.EnumName);
        builder.Property(s => s.Segment).HasMaxLength(ColumnLengths.Name);
    }
}
