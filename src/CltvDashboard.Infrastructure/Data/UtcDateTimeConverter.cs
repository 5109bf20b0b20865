using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CltvDashboard.Infrastructure.Data;

/// <summary>
/// Stores every <see cref="DateTime"/> as UTC and reads it back marked UTC. Local times are converted; times of
/// unspecified kind are taken to be UTC already, as the importer produces them.
/// </summary>
/// <remarks>
/// SQLite keeps DateTime as ISO-8601 text ("yyyy-MM-dd HH:mm:ss.FFFFFFF"), which sorts in time order only when
/// every value is in the same zone, and hands values back as <see cref="DateTimeKind.Unspecified"/>; PostgreSQL's
/// timestamptz refuses values that are not UTC. Normalising in one converter makes both behave alike.
/// </remarks>
public sealed class UtcDateTimeConverter : ValueConverter<DateTime, DateTime>
{
    public UtcDateTimeConverter()
        : base(value => ToUtc(value), value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
    {
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
