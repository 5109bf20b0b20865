using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.TestSupport.Simulation;

/// <summary>
/// A customer base that behaves like CDNOW's 1997 cohort, in weeks: the BG/NBD estimates of Fader, Hardie &amp; Lee
/// (2005, "Counting Your Customers the Easy Way") and the Gamma-Gamma estimates of Fader, Hardie &amp; Lee (2005,
/// "RFM and CLV: Using Iso-Value Curves"), with customers acquired uniformly over the first 12 weeks of 1997.
/// </summary>
/// <remarks>
/// <para>
/// Observed for CDNOW's 78 weeks, these parameters give about 2.77 purchases per customer
/// (1 + E[X(T)] with T uniform on [66, 78] weeks, from eq. 9 of the BG/NBD paper). The benchmark needs about
/// 4.4 rows per customer (4.4 million for 1 million customers), which the same customers reach when observed for
/// <see cref="BenchmarkObservationWeeks"/> = 240 weeks (1 + E[X(T)] ≈ 4.41 with T uniform on [228, 240]): with
/// a &lt; 1 the expected number of purchases before dropout is unbounded, so E[X(t)] keeps growing, slowly. The
/// longer observation changes the volume, not the customers' behaviour.
/// </para>
/// </remarks>
public static class CdnowLikeScenario
{
    /// <summary>Weeks over which customers are acquired, from <see cref="Calendar"/>'s start.</summary>
    public const double AcquisitionWeeks = 12;

    /// <summary>CDNOW's own observation: 78 weeks from 1997-01-01 to 1998-06-30.</summary>
    public const double CdnowObservationWeeks = 78;

    /// <summary>The observation that gives about 4.4 transactions per customer: 240 weeks from 1997-01-01.</summary>
    public const double BenchmarkObservationWeeks = 240;

    /// <summary>BG/NBD r = 0.243, α = 4.414 (weeks), a = 0.793, b = 2.426 (Fader, Hardie &amp; Lee 2005, CDNOW).</summary>
    public static BgNbdProcess Purchases { get; } = new(0.243, 4.414, 0.793, 2.426);

    /// <summary>Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44 (CDNOW, US dollars): a mean of about $35.22 a transaction.</summary>
    public static GammaGammaSpend Spend { get; } = new(6.25, 3.74, 15.44);

    /// <summary>Acquisition starts on 1997-01-01 at midnight; the time unit is the week.</summary>
    public static TransactionCalendar Calendar { get; } = new(new DateTime(1997, 1, 1), TimeUnit.Week);

    /// <summary>
    /// The scenario for <paramref name="customerCount"/> customers, without a holdout period (the whole
    /// observation is the calibration period; split it when summarising, as with a real log).
    /// </summary>
    /// <param name="customerCount">How many customers; 0 or more.</param>
    /// <param name="seed">Seed of the pseudo-random generator.</param>
    /// <param name="observationWeeks">Weeks from 1997-01-01 to the end of the data; at least <see cref="AcquisitionWeeks"/>.</param>
    public static CustomerBaseScenario Create(int customerCount, int seed, double observationWeeks = BenchmarkObservationWeeks) =>
        new(customerCount, Purchases, new ObservationWindow(AcquisitionWeeks, observationWeeks), seed, Spend);
}
