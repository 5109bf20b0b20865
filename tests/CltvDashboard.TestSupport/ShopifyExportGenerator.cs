using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;

namespace CltvDashboard.TestSupport;

/// <summary>
/// A Shopify orders export like a small shop's, written from a seed: customers acquired over the first eighteen months
/// of two years (2023–2024), each buying at their own rate and leaving after a purchase with their own probability
/// (the BG/NBD's story, with CDNOW-like spread), at Paris clock times with their offsets (<c>+0100</c> in winter,
/// <c>+0200</c> in summer), a good share of them after midnight so that a purchase's day depends on the time zone.
/// </summary>
public static class ShopifyExportGenerator
{
    /// <summary>The day the first customer may be acquired.</summary>
    public static readonly DateOnly FirstDay = new(2023, 1, 1);

    /// <summary>The last day of the export.</summary>
    public static readonly DateOnly LastDay = new(2024, 12, 31);

    private const int AcquisitionDays = 540;

    // Purchase rates ~ Gamma(shape 0.9, mean one order per 120 days); dropout after an order ~ Beta(1, 2), mean 1/3:
    // sparse buyers, as in the shop (240 customers, a few dozen holdout orders).
    private const double RateShape = 0.9;
    private const double MeanDaysBetweenOrders = 120;
    private const double DropoutA = 1;
    private const double DropoutB = 2;

    // Share of orders placed between midnight and two in the morning, Paris time: the day before in UTC.
    private const double AfterMidnight = 0.3;

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The export's text, header first, one line per order (one line item each).</summary>
    /// <param name="customers">How many customers; each places at least one order.</param>
    /// <param name="seed">Seed of the pseudo-random generator: the same seed gives the same file.</param>
    public static string Generate(int customers, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        var random = new Random(seed);
        var lastInstant = LastDay.DayNumber - FirstDay.DayNumber + 1.0;
        var orders = new List<(double Time, int Customer, decimal Amount)>();
        for (var c = 0; c < customers; c++)
        {
            var rate = Gamma.Sample(random, RateShape, RateShape * MeanDaysBetweenOrders);
            var dropout = Beta.Sample(random, DropoutA, DropoutB);
            var basket = 25 + (60 * random.NextDouble());
            var time = random.NextDouble() * AcquisitionDays;
            var placed = 0;
            while (time < lastInstant)
            {
                orders.Add((time, c, Math.Round((decimal)(basket * (0.7 + (0.6 * random.NextDouble()))), 2)));

                // The BG/NBD lets a customer leave after a repeat purchase, never right after the first.
                if (++placed > 1 && random.NextDouble() < dropout)
                {
                    break;
                }

                time += -Math.Log(1 - random.NextDouble()) / rate;
            }
        }

        var text = new StringBuilder(
            "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Payment Method,Refunded Amount,Source\n");
        var number = 1000;
        foreach (var (time, customer, amount) in orders.OrderBy(o => o.Time))
        {
            var day = FirstDay.AddDays((int)Math.Floor(time));
            var minutes = random.NextDouble() < AfterMidnight ? random.Next(0, 120) : random.Next(9 * 60, 24 * 60);
            var local = day.ToDateTime(new TimeOnly(minutes / 60, minutes % 60, random.Next(60)));
            var offset = Paris.GetUtcOffset(local);
            var stamp = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                + (offset < TimeSpan.Zero ? " -" : " +") + offset.ToString("hhmm", CultureInfo.InvariantCulture);
            var price = amount.ToString("F2", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"#{++number},customer{customer + 1:D4}@example.com,paid,{stamp},EUR,{price},0.00,0.00,{price},{stamp},1,Item,{price},,Stripe,0.00,web\n");
        }

        return text.ToString();
    }
}
