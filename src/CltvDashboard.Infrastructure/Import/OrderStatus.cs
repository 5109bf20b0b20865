namespace CltvDashboard.Infrastructure.Import;

/// <summary>
/// What the stores' order and payment statuses mean for an import (the rules listed on <see cref="TransactionFileReader"/>):
/// a sale, a refund, or an order left out (cancelled, voided, failed, unpaid, test).
/// </summary>
internal static class OrderStatus
{
    /// <summary>Whether a payment method, gateway or mode column marks a test order (Shopify's Bogus gateway, Stripe's test mode).</summary>
    public static bool IsTestMarker(string marker)
    {
        var normalized = ImportLayoutDetector.Normalize(marker);
        return normalized is "test" or "false" || normalized.Contains("bogus", StringComparison.Ordinal);
    }

    /// <summary>What a status means; no status, or one not listed, is a sale.</summary>
    public static StatusOutcome Classify(string? status)
    {
        if (status is null)
        {
            return StatusOutcome.Sale;
        }

        var normalized = ImportLayoutDetector.Normalize(status);
        if (normalized.StartsWith("wc", StringComparison.Ordinal) && normalized.Length > 2 && status.StartsWith("wc-", StringComparison.OrdinalIgnoreCase))
        {
            normalized = normalized[2..];
        }

        return normalized switch
        {
            "cancelled" or "canceled" or "cancel" or "trash" => StatusOutcome.Cancelled,
            "voided" or "void" or "expired" => StatusOutcome.Voided,
            "failed" or "declined" or "failure" => StatusOutcome.Failed,
            "pending" or "pendingpayment" or "authorized" or "authorised" or "onhold" or "draft" or "checkoutdraft" or "unpaid" or "uncaptured" => StatusOutcome.Unpaid,
            "refunded" or "fullyrefunded" => StatusOutcome.Refunded,
            "refund" or "return" or "returned" => StatusOutcome.RefundEvent,
            "test" => StatusOutcome.Test,
            _ => StatusOutcome.Sale,
        };
    }
}

/// <summary>The meaning of one order's status.</summary>
internal enum StatusOutcome
{
    Sale,
    Refunded,
    RefundEvent,
    Cancelled,
    Voided,
    Failed,
    Unpaid,
    Test,
}
