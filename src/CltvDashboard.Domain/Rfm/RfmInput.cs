using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Rfm;

/// <summary>
/// One customer's recency, frequency and monetary value as of a reference date: the raw measures that
/// <see cref="RfmAnalysis"/> turns into 1–5 scores (Hughes 1994, <i>Strategic Database Marketing</i>;
/// Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4)).
/// </summary>
/// <param name="CustomerId">The customer's identifier; unique within one analysis.</param>
/// <param name="RecencyDays">Days from the last purchase occasion to the as-of date; 0 or more, fewer is more recent.</param>
/// <param name="Frequency">Purchase occasions (customer-days), the first included; 1 or more.</param>
/// <param name="Monetary">Net revenue in the dataset's currency, refunds deducted; may be 0 or negative.</param>
public sealed record RfmInput(string CustomerId, int RecencyDays, int Frequency, decimal Monetary)
{
    /// <summary>
    /// The RFM measures of a summarised customer: recency = <paramref name="asOf"/> − last purchase in days,
    /// frequency = <see cref="CustomerSummary.PurchaseOccasions"/>, monetary = <see cref="CustomerSummary.Revenue"/>.
    /// </summary>
    /// <param name="summary">The customer's summary; its occasions and revenue cover the calibration period.</param>
    /// <param name="asOf">
    /// The reference date, on or after the last purchase; normally the summary's calibration end, since a later
    /// date would age the customer without counting the holdout purchases the summary keeps apart.
    /// </param>
    /// <exception cref="ArgumentException">The as-of date is before the customer's last purchase.</exception>
    public static RfmInput FromSummary(CustomerSummary summary, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (asOf < summary.LastPurchase)
        {
            throw new ArgumentException(
                $"The as-of date {asOf:yyyy-MM-dd} is before customer {summary.CustomerId}'s last purchase on {summary.LastPurchase:yyyy-MM-dd}.",
                nameof(asOf));
        }

        return new RfmInput(
            summary.CustomerId,
            asOf.DayNumber - summary.LastPurchase.DayNumber,
            summary.PurchaseOccasions,
            summary.Revenue);
    }

    /// <summary>Throws a clear <see cref="ArgumentException"/> unless the identifier is set, recency ≥ 0 and frequency ≥ 1.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(CustomerId))
        {
            throw new ArgumentException("An RFM input needs a customer identifier.");
        }

        if (RecencyDays < 0)
        {
            throw new ArgumentException($"Customer {CustomerId}: recency must be 0 days or more, was {RecencyDays}.");
        }

        if (Frequency < 1)
        {
            throw new ArgumentException(
                $"Customer {CustomerId}: frequency counts purchase occasions including the first, so it must be 1 or more, was {Frequency}.");
        }
    }
}
