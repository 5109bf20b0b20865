using System.Text;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

/// <summary>A Shopify orders export: line items per order, a partial and a full refund, a voided order, a test order, offsets.</summary>
internal static class ShopifyFiles
{
    public const decimal NetRevenue = 105m + 60m - 20m + 50m - 50m + 1200m;

    private const string Header =
        "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Payment Method,Refunded Amount,Source";

    public static string Export()
    {
        var csv = new StringBuilder(Header).Append('\n');
        csv.Append("#1001,ann@example.com,paid,2025-10-07 09:50:30 +0200,EUR,100.00,5.00,0.00,105.00,2025-10-07 09:50:26 +0200,2,Mug,30.00,,Stripe,0.00,web\n");
        csv.Append("#1001,ann@example.com,,,,,,,,,1,Plate,25.00,,,,\n");
        csv.Append("#1001,ann@example.com,,,,,,,,,1,Bowl,15.00,,,,\n");
        csv.Append("#1002,bob@example.com,partially_refunded,,EUR,60.00,0.00,0.00,60.00,2025-10-08 18:00:00 -0500,3,Cup,20.00,,Stripe,20.00,pos\n");
        csv.Append("#1003,cy@example.com,voided,,EUR,40.00,0.00,0.00,40.00,2025-10-09 10:00:00 +0000,1,Jug,40.00,2025-10-09 11:00:00 +0000,Stripe,0.00,web\n");
        csv.Append("#1004,ann@example.com,refunded,,EUR,50.00,0.00,0.00,50.00,2025-10-10 08:00:00 +0200,1,Vase,30.00,,Stripe,50.00,web\n");
        csv.Append("#1004,ann@example.com,,,,,,,,,1,Tray,20.00,,,,\n");
        csv.Append("#1005,dev@example.com,paid,,EUR,10.00,0.00,0.00,10.00,2025-10-11 08:00:00 +0200,1,Test,10.00,,Bogus,0.00,web\n");
        csv.Append("#1006,dan@example.com,paid,,EUR,\"1,200.00\",0.00,0.00,\"1,200.00\",2025-10-12 23:30:00 +0100,1,Lamp,1200.00,,Stripe,0.00,web\n");
        return csv.ToString();
    }
}
