using System.Globalization;
using System.Text;

namespace CltvDashboard.TestSupport;

/// <summary>
/// A line-item export in the layout of the UCI Online Retail file (InvoiceNo, StockCode, Description, Quantity,
/// InvoiceDate, UnitPrice, CustomerID, Country), written from a seed with what makes that file hard: invoices of
/// several lines, invoices whose lines carry no CustomerID, cancellations ('C' invoices, negative quantities) on the
/// day of the purchase and later, and customer ids written as spreadsheets write numbers ("17850.0").
/// </summary>
public static class OnlineRetailExportGenerator
{
    /// <summary>What the file holds, counted as it was written.</summary>
    /// <param name="Text">The export, header first.</param>
    /// <param name="Lines">Data lines (the header excluded).</param>
    /// <param name="LinesWithoutCustomer">Lines of invoices with no CustomerID.</param>
    /// <param name="InvoicesWithoutCustomer">Invoices with no CustomerID.</param>
    /// <param name="ValueWithoutCustomer">Quantity × price summed over those lines.</param>
    /// <param name="Customers">Distinct customers with an id.</param>
    /// <param name="CustomersOnlyCancelledSameDay">Customers whose every purchase was cancelled on its day.</param>
    public sealed record Export(
        string Text, int Lines, int LinesWithoutCustomer, int InvoicesWithoutCustomer, decimal ValueWithoutCustomer, int Customers,
        int CustomersOnlyCancelledSameDay);

    /// <summary>Writes an export of <paramref name="customers"/> customers from <paramref name="seed"/>.</summary>
    /// <param name="customers">How many customers with an id.</param>
    /// <param name="seed">The same seed gives the same file.</param>
    /// <param name="firstCustomerId">The first customer's id (12346 in the UCI file); the others follow.</param>
    public static Export Generate(int customers, int seed, int firstCustomerId = 12_346)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        var random = new Random(seed);
        var text = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        var invoice = 536_365;
        var lines = 0;
        var linesWithout = 0;
        var invoicesWithout = 0;
        var valueWithout = 0m;
        var onlyCancelled = 0;
        var start = new DateTime(2010, 12, 1, 8, 26, 0);

        void Line(string number, int quantity, DateTime at, decimal price, string customer)
        {
            var stock = 20_000 + random.Next(5_000);
            text.Append(CultureInfo.InvariantCulture, $"{number},{stock},ITEM {stock},{quantity},{at:M/d/yyyy H:mm},{price},{customer},United Kingdom\n");
            lines++;
        }

        (int Quantity, decimal Price)[] Basket() =>
            [.. Enumerable.Range(0, 1 + random.Next(6)).Select(_ => (1 + random.Next(12), Math.Round(0.5m + (decimal)random.NextDouble() * 9m, 2)))];

        for (var c = 0; c < customers; c++)
        {
            var customer = (firstCustomerId + c).ToString(CultureInfo.InvariantCulture) + ".0";
            var cancelsAll = c % 50 == 7;
            var purchases = cancelsAll ? 1 : 1 + random.Next(5);
            var day = start.AddDays(random.Next(300)).AddMinutes(random.Next(600));
            for (var p = 0; p < purchases; p++)
            {
                var basket = Basket();
                var number = (invoice++).ToString(CultureInfo.InvariantCulture);
                foreach (var (quantity, price) in basket)
                {
                    Line(number, quantity, day, price, customer);
                }

                if (cancelsAll || random.Next(10) == 0)
                {
                    // Cancelled the same day (the whole basket) or, now and then, one line weeks later.
                    var cancelled = "C" + (invoice++).ToString(CultureInfo.InvariantCulture);
                    var later = cancelsAll ? day.AddHours(2) : day.AddDays(20 + random.Next(30));
                    foreach (var (quantity, price) in cancelsAll ? basket : basket[..1])
                    {
                        Line(cancelled, -quantity, later, price, customer);
                    }
                }

                day = day.AddDays(5 + random.Next(60));
            }

            onlyCancelled += cancelsAll ? 1 : 0;

            // Guest checkouts: invoices of several lines with no customer at all.
            if (c % 4 == 0)
            {
                var basket = Basket();
                var number = (invoice++).ToString(CultureInfo.InvariantCulture);
                invoicesWithout++;
                foreach (var (quantity, price) in basket)
                {
                    Line(number, quantity, day, price, string.Empty);
                    linesWithout++;
                    valueWithout += quantity * price;
                }
            }
        }

        return new Export(text.ToString(), lines, linesWithout, invoicesWithout, valueWithout, customers, onlyCancelled);
    }
}
