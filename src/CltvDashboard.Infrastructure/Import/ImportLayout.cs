namespace CltvDashboard.Infrastructure.Import;

/// <summary>The kind of export a file was recognised as, from its headers.</summary>
public enum ImportLayout
{
    /// <summary>Shopify orders export: one row per line item, order fields on the order's first row, customer by Email.</summary>
    Shopify,

    /// <summary>WooCommerce orders export: one row per order (or per line item with the order repeated).</summary>
    WooCommerce,

    /// <summary>Stripe payments export: one row per charge, Created (UTC), Amount Refunded.</summary>
    Stripe,

    /// <summary>Square transactions export: Date and Time columns, Total Collected, Event Type.</summary>
    Square,

    /// <summary>Line items with a quantity and a unit price but no total, grouped by invoice (UCI Online Retail).</summary>
    LineItems,

    /// <summary>One transaction per row: customer, date, amount (CDNOW, the simulator's files).</summary>
    Simple,

    /// <summary>Columns chosen by the user through a <see cref="ColumnMapping"/>.</summary>
    Mapped,
}
