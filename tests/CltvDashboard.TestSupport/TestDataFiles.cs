namespace CltvDashboard.TestSupport;

/// <summary>
/// The files of <c>tests/TestData</c> and the shipped CDNOW master file, as this project copies them into the build
/// output of every project that references it.
/// </summary>
public static class TestDataFiles
{
    /// <summary>Fader &amp; Hardie's CDNOW sample: 2,357 customers, 1997-01-01 to 1998-06-30.</summary>
    public static string CdnowSample => PathOf("cdnow", "cdnow_sample.csv");

    /// <summary>The whole CDNOW master file, 23,570 customers, as the product ships it for its demo.</summary>
    public static string CdnowMaster => PathOf("cdnow", "cdnow_master.csv");

    /// <summary>A small Shopify orders export with refunds, a voided and a test order (see <c>TestData/import</c>).</summary>
    public static string ShopifyOrders => PathOf("import", "shopify_orders.csv");

    /// <summary>A file under <c>TestData</c> in the build output, given by its folders and name.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);
}
