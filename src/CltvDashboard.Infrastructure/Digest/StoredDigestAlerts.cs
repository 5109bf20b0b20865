using CltvDashboard.Infrastructure.Alerts.Delivery;
using CltvDashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Digest;

/// <summary>The week's alerts as the Alerts page stored them: each firing's rule and summary with how many customers it named.</summary>
public sealed class StoredDigestAlerts(CltvDbContext context) : IDigestAlerts
{
    /// <summary>The most alerts a digest lists; the Alerts page has the rest.</summary>
    public const int Limit = 20;

    /// <inheritdoc />
    public async Task<IReadOnlyList<DigestAlert>> SinceAsync(DateTime sinceUtc, CancellationToken cancellationToken)
    {
        var firings = await context.AlertFirings.AsNoTracking()
            .Where(f => f.FiredAtUtc >= sinceUtc)
            .OrderByDescending(f => f.FiredAtUtc)
            .ThenByDescending(f => f.Id)
            .Take(Limit)
            .Select(f => new { f.FiredAtUtc, f.Rule, f.Summary, Customers = f.Customers.Count })
            .ToListAsync(cancellationToken);
        return [.. firings.Select(f => new DigestAlert(f.FiredAtUtc, $"{AlertContent.RuleName(f.Rule)}: {f.Summary}", f.Customers))];
    }
}
