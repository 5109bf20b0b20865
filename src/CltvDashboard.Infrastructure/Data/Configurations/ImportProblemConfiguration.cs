using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CltvDashboard.Infrastructure.Data.Configurations;

internal sealed class ImportProblemConfiguration : IEntityTypeConfiguration<ImportProblem>
{
    public void Configure(EntityTypeBuilder<ImportProblem> builder)
    {
        builder.ToTable("import_problems");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Column).HasMaxLength(ColumnLengths.Name);
        builder.Property(p => p.Message).HasMaxLength(ColumnLengths.Message);
        builder.Property(p => p.RawRecord);
        // Problems are read per batch in file order.
        builder.HasIndex(p => new { p.ImportBatchId, p.LineNumber });
    }
}
