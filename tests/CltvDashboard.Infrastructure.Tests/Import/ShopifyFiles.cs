using CltvDashboard.TestSupport;

namespace CltvDashboard.Infrastructure.Tests.Import;

/// <summary>
/// The Shopify orders export under TestData/import, shared with the command line's tests: #1001 three line items,
/// #1002 partially refunded by 20, #1003 voided, #1004 fully refunded, #1005 a test order (Bogus gateway), #1006
/// with a thousands separator; offsets in the timestamps.
/// </summary>
internal static class ShopifyFiles
{
    public const string Header =
        "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Payment Method,Refunded Amount,Source";

    public const decimal NetRevenue = 105m + 60m - 20m + 50m - 50m + 1200m;

    public static string Export() => File.ReadAllText(TestDataFiles.ShopifyOrders);
}
