namespace CltvDashboard.Infrastructure.Import;

/// <summary>Which column plays which part for one file; -1 marks a column the file does not have.</summary>
internal sealed record ImportLayoutPlan
{
    public required ImportLayout Layout { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Customer columns in order of preference: the first non-empty one identifies the customer.</summary>
    public required int[] Customer { get; init; }

    public required int Date { get; init; }

    public int Time { get; init; } = -1;

    public int Amount { get; init; } = -1;

    public int Quantity { get; init; } = -1;

    public int UnitPrice { get; init; } = -1;

    public int Refunded { get; init; } = -1;

    public int Currency { get; init; } = -1;

    public int OrderReference { get; init; } = -1;

    public int Channel { get; init; } = -1;

    public int Status { get; init; } = -1;

    public int CancelledAt { get; init; } = -1;

    public int Captured { get; init; } = -1;

    public int TestMarker { get; init; } = -1;

    /// <summary>The customer's e-mail address; read from an order's first row.</summary>
    public int Email { get; init; } = -1;

    /// <summary>The columns of the customer's name, joined by a space (Shopify's Billing Name; WooCommerce's first and last name).</summary>
    public int[] ContactName { get; init; } = [];

    /// <summary>Consecutive rows with the same order reference are one order (Shopify, WooCommerce and line-item exports).</summary>
    public bool GroupByOrder { get; init; }

    /// <summary>The amount is the sum of quantity × unit price over the order's rows.</summary>
    public bool SumLineItems { get; init; }

    /// <summary>Times without an offset are UTC (Stripe's Created (UTC)), not the business's clock.</summary>
    public bool DateIsUtc { get; init; }

    /// <summary>
    /// Every row is one sale with no rule beyond its own values: no order to assemble, no status, cancellation,
    /// capture, test marker or refunded amount (plain customer/date/amount files and most mapped columns).
    /// </summary>
    public bool RowIsOneSale =>
        !GroupByOrder && !SumLineItems && Status < 0 && CancelledAt < 0 && Captured < 0 && TestMarker < 0 && Refunded < 0;

    public string Name(int ordinal) => ordinal >= 0 && ordinal < Columns.Count ? Columns[ordinal] : string.Empty;

    public ColumnMapping ToMapping() => new(Name(Customer[0]), Name(Date), Name(Amount >= 0 ? Amount : UnitPrice))
    {
        OrderReference = Optional(OrderReference),
        Channel = Optional(Channel),
        Status = Optional(Status),
        Currency = Optional(Currency),
        Quantity = Optional(Quantity),
        Time = Optional(Time),
        Email = Optional(Email),
        Name = ContactName.Length == 1 ? Optional(ContactName[0]) : null,
    };

    private string? Optional(int ordinal) => ordinal >= 0 ? Name(ordinal) : null;
}
