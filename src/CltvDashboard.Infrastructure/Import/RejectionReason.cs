namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// The reasons a line is rejected, as the import report groups them (<see cref="ImportProblem.Reason"/>): short,
/// stable words under which lines and their value are counted, where each problem's message says the details.
/// </summary>
public static class RejectionReason
{
    /// <summary>The line has fewer fields than the columns the layout reads.</summary>
    public const string MissingFields = "fields missing";

    /// <summary>The customer identifier is empty.</summary>
    public const string NoCustomer = "no customer identifier";

    /// <summary>The date cannot be read.</summary>
    public const string UnreadableDate = "date not readable";

    /// <summary>The date is after the import's clock.</summary>
    public const string FutureDate = "date in the future";

    /// <summary>The date is before the earliest day accepted.</summary>
    public const string EarlyDate = "date before the earliest accepted";

    /// <summary>An amount, unit price or refunded amount cannot be read.</summary>
    public const string UnreadableAmount = "amount not readable";

    /// <summary>The quantity cannot be read.</summary>
    public const string UnreadableQuantity = "quantity not readable";

    /// <summary>An amount or quantity is beyond <see cref="ImportLimits.MaxAmount"/>.</summary>
    public const string BeyondLimit = "value beyond the limit";

    /// <summary>An identifier, reference or channel is longer than the store keeps.</summary>
    public const string TooLong = "text too long";

    /// <summary>Neither the line nor the dataset names a currency.</summary>
    public const string NoCurrency = "no currency";

    /// <summary>The currency is not a three-letter code.</summary>
    public const string NotACurrency = "not a currency code";

    /// <summary>The line is in another currency than the dataset.</summary>
    public const string OtherCurrency = "in another currency";
}
