using CltvDashboard.Infrastructure.Digest;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CltvDashboard.Web.Pages.Digest;

/// <summary>
/// The unsubscribe link of a weekly digest, which works without signing in and stops that one user's digest. Opening
/// the link only asks (mail scanners open links); the button, or a mail client's one-click unsubscribe (RFC 8058, a
/// POST of <c>List-Unsubscribe=One-Click</c> to the same address), stops it. The token is the only credential, so the
/// post needs no antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel : PageModel
{
    private readonly DigestSubscriptions _subscriptions;

    public UnsubscribeModel(DigestSubscriptions subscriptions) => _subscriptions = subscriptions;

    /// <summary>The link's token.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>The recipient's address, partly hidden; null when the link stops nothing.</summary>
    public string? Recipient { get; private set; }

    /// <summary>Whether the digest was just stopped.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Asks to confirm.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Recipient = Masked(await _subscriptions.RecipientOfAsync(Token, cancellationToken));

    /// <summary>Stops the digest the link belongs to.</summary>
    /// <param name="cancellationToken">Cancels the change.</param>
    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Recipient = Masked(await _subscriptions.RecipientOfAsync(Token, cancellationToken));
        Stopped = await _subscriptions.UnsubscribeByTokenAsync(Token, cancellationToken);
    }

    // Whoever holds the link sees whose digest it stops, but not the whole address: a forwarded digest reveals less.
    private static string? Masked(string? email)
    {
        if (email is null)
        {
            return null;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "•••" + email[Math.Max(at, 0)..] : email[0] + new string('•', Math.Min(at - 1, 6)) + email[at..];
    }
}
