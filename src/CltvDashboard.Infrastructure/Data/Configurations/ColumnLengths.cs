namespace CltvDashboard.Infrastructure.Data.Configurations;

/// <summary>Column sizes shared by the configurations, so that the same kind of value is stored alike everywhere.</summary>
internal static class ColumnLengths
{
    /// <summary>Digits of a money column: up to 10^14 in any currency with 4 decimals for unit prices.</summary>
    public const int MoneyPrecision = 18;

    /// <summary>Decimal places of a money column.</summary>
    public const int MoneyScale = 4;

    /// <summary>ISO 4217 currency codes.</summary>
    public const int CurrencyCode = 3;

    /// <summary>Lower-case hex of a SHA-256 digest.</summary>
    public const int Sha256Hex = 64;

    /// <summary>External identifiers: customer ids, emails (RFC 5321 allows 254), order references.</summary>
    public const int Identifier = 256;

    /// <summary>File names as most file systems allow them.</summary>
    public const int FileName = 260;

    /// <summary>Channels, segments, stages, column headers, model names, time zone ids.</summary>
    public const int Name = 128;

    /// <summary>Enum values stored by name.</summary>
    public const int EnumName = 32;

    /// <summary>Messages about a row.</summary>
    public const int Message = 2000;
}
