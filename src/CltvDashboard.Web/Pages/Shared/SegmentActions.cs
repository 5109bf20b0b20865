using CltvDashboard.Domain.Rfm;

namespace CltvDashboard.Web.Pages.Shared;

/// <summary>A plain-language suggestion per RFM segment, for an owner who has never heard of RFM.</summary>
public static class SegmentActions
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        [RfmSegments.Champions] = "Reward them: early access, loyalty perks, ask for reviews and referrals. No discounts needed.",
        [RfmSegments.Loyal] = "Keep them close: loyalty programme, personalised recommendations, upsell higher-value products.",
        [RfmSegments.PotentialLoyalist] = "Turn them into regulars: membership or loyalty offer, recommend what similar customers buy next.",
        [RfmSegments.New] = "Welcome them well: onboarding e-mails, a reason to make the second purchase soon.",
        [RfmSegments.Promising] = "Build the habit: a small incentive for the next purchase, show your range.",
        [RfmSegments.NeedAttention] = "Reconnect: a limited-time offer based on what they bought before.",
        [RfmSegments.AboutToSleep] = "Wake them up before they drift away: a timely reminder or a popular product.",
        [RfmSegments.AtRisk] = "Win them back now: personal e-mail, what's new since their last visit, a worthwhile offer.",
        [RfmSegments.CantLoseThem] = "Big spenders going quiet: contact them personally, find out why, make a strong offer.",
        [RfmSegments.Hibernating] = "Low priority: include them in general campaigns, don't spend much.",
        [RfmSegments.Lost] = "Probably gone: one last win-back attempt at most, then stop spending on them.",
    };

    /// <summary>The suggestion for a segment; a neutral line for an unknown one.</summary>
    /// <param name="segment">The RFM segment's name.</param>
    public static string For(string segment) => Actions.TryGetValue(segment, out var action) ? action : "Look at these customers' recent purchases before acting.";
}
