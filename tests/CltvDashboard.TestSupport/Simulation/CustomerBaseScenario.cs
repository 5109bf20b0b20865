using System.Globalization;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// Everything that determines a simulated customer base: the same scenario always gives the same customers,
/// whether read as histories or as transactions.
/// </summary>
/// <param name="CustomerCount">How many customers to simulate; 0 or more.</param>
/// <param name="Purchases">The purchase and dropout process with its parameters, in the window's time unit.</param>
/// <param name="Window">When customers are acquired and for how long they are observed.</param>
/// <param name="Seed">Seed of the pseudo-random generator; different seeds give independent bases.</param>
/// <param name="Spend">The spend process, or null when transaction values are not needed (histories only).</param>
public sealed record CustomerBaseScenario(
    int CustomerCount,
    PurchaseProcess Purchases,
    ObservationWindow Window,
    int Seed,
    GammaGammaSpend? Spend = null)
{
    private const int MinimumIdDigits = 7;

    /// <summary>
    /// The identifier of the customer at zero-based <paramref name="index"/>: <c>C</c> and the one-based number
    /// padded to at least seven digits (<c>C0000001</c>), so that identifiers sort in simulation order.
    /// </summary>
    public string CustomerId(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CustomerCount);
        Span<char> buffer = stackalloc char[IdLength];
        return new string(FormatCustomerId(index, buffer));
    }

    /// <summary>Throws an <see cref="ArgumentException"/> describing the first invalid setting or parameter.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(CustomerCount);
        ArgumentNullException.ThrowIfNull(Purchases);
        ArgumentNullException.ThrowIfNull(Window);
        Purchases.Validate();
        Window.Validate();
        Spend?.Validate();
    }

    internal int IdLength => 1 + Math.Max(MinimumIdDigits, CustomerCount.ToString(CultureInfo.InvariantCulture).Length);

    internal ReadOnlySpan<char> FormatCustomerId(int index, Span<char> buffer)
    {
        var digits = IdLength - 1;
        buffer[0] = 'C';
        var number = index + 1;
        for (var position = digits; position >= 1; position--)
        {
            buffer[position] = (char)('0' + (number % 10));
            number /= 10;
        }

        return buffer[..IdLength];
    }
}
