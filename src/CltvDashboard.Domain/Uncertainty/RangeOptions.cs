namespace CltvDashboard.Domain.Uncertainty;

/// <summary>How the ranges around forecasts are computed: how many parameter draws, from which seed, on how many customers.</summary>
/// <param name="Draws">
/// Parameter draws behind the ranges of totals, 20 or more. 200 put the 2.5 % and 97.5 % points of the parameters' share
/// of a total's spread within a few per cent of their value; more cost time in proportion.
/// </param>
/// <param name="CustomerDraws">
/// Of those, how many each customer's range mixes over, 1 to <paramref name="Draws"/>. A customer's own purchases vary far
/// more than the parameters move their expectation, and each draw costs a purchase-count distribution per (x, T), so fewer
/// suffice.
/// </param>
/// <param name="Seed">The seed of the draws: the same data and seed give the same ranges on every run.</param>
/// <param name="SampleCustomersPerSegment">
/// At most this many customers of each segment, evenly spaced, stand for the segment in the parameter draws, 100 or more.
/// The draws move a segment's total by the sum of its customers' changes; a sample of this size estimates that sum to
/// within a few per cent of its own spread, while the purchase process's share and the totals themselves use every customer.
/// </param>
public sealed record RangeOptions(int Draws = 200, int CustomerDraws = 40, int Seed = 20_160_216, int SampleCustomersPerSegment = 2_000)
{
    /// <summary>Parameter draws behind the ranges of totals.</summary>
    public int Draws { get; } = Draws >= 20
        ? Draws
        : throw new ArgumentOutOfRangeException(nameof(Draws), Draws, $"Ranges need at least 20 parameter draws, was {Draws}.");

    /// <summary>Parameter draws each customer's range mixes over.</summary>
    public int CustomerDraws { get; } = CustomerDraws >= 1 && CustomerDraws <= Draws
        ? CustomerDraws
        : throw new ArgumentOutOfRangeException(nameof(CustomerDraws), CustomerDraws, $"A customer's range mixes over 1 to {Draws} draws (the number of draws), was {CustomerDraws}.");

    /// <summary>The seed of the draws.</summary>
    public int Seed { get; } = Seed;

    /// <summary>Customers per segment in the parameter draws.</summary>
    public int SampleCustomersPerSegment { get; } = SampleCustomersPerSegment >= 100
        ? SampleCustomersPerSegment
        : throw new ArgumentOutOfRangeException(nameof(SampleCustomersPerSegment), SampleCustomersPerSegment, $"At least 100 customers per segment stand for it in the draws, was {SampleCustomersPerSegment}.");
}
