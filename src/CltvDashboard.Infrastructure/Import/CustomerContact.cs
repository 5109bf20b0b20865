using CltvDashboard.Infrastructure.Data.Configurations;

namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// How a customer's e-mail address and name are kept, whatever brought them (a file, the push API): trimmed, the
/// e-mail in lower case, an empty value as none. A value longer than the store's column is not kept rather than cut,
/// since a shortened address would reach somebody else or nobody.
/// </summary>
public static class CustomerContact
{
    /// <summary>The longest e-mail address or name kept.</summary>
    public const int MaxLength = ColumnLengths.Identifier;

    /// <summary>The e-mail address as stored, or null for none.</summary>
    /// <param name="email">The address as given; any case, surrounding spaces allowed.</param>
    public static string? Email(string? email)
    {
        var trimmed = email?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || !trimmed.Contains('@', StringComparison.Ordinal)
            ? null
            : trimmed.ToLowerInvariant();
    }

    /// <summary>The name as stored, or null for none: trimmed, runs of white space inside made one space.</summary>
    /// <param name="name">The name as given.</param>
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var joined = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return joined.Length > MaxLength ? null : joined;
    }

    /// <summary>
    /// A stored name split for the marketing tools, which ask for first and last name apart: the first word is the
    /// first name, the rest the last name ("Mary Ann Smith" gives "Mary" and "Ann Smith"). Exports give one full name
    /// (Shopify's Billing Name), so the split is a convention, not knowledge.
    /// </summary>
    /// <param name="name">The stored name, or null.</param>
    public static (string? First, string? Last) Split(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }

        var trimmed = name.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (trimmed, null) : (trimmed[..space], trimmed[(space + 1)..].Trim());
    }
}
