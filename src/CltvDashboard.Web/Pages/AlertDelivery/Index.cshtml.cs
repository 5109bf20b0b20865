using CltvDashboard.Infrastructure.Alerts.Delivery;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.Queries.Alerts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Pages.AlertDelivery;

/// <summary>Where alerts go (Admin): the SMTP server as configured, e-mail recipients, webhooks, tests and recent deliveries.</summary>
public sealed class IndexModel : PageModel
{
    private const int DeliveriesShown = 50;
    private readonly CltvDbContext _context;
    private readonly AlertDeliverySettings _settings;
    private readonly AlertDeliveryDispatcher _dispatcher;
    private readonly AlertQueries _alerts;

    public IndexModel(CltvDbContext context, AlertDeliverySettings settings, AlertDeliveryDispatcher dispatcher, AlertQueries alerts, IOptions<SmtpOptions> smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        _context = context;
        _settings = settings;
        _dispatcher = dispatcher;
        _alerts = alerts;
        Smtp = smtp.Value;
    }

    /// <summary>The SMTP server as configured; the page shows whether a password is set, never the password.</summary>
    public SmtpOptions Smtp { get; }

    /// <summary>Every user, with whether they receive alerts by e-mail.</summary>
    public IReadOnlyList<(string Id, string Email, bool Receives)> Users { get; private set; } = [];

    /// <summary>The webhooks.</summary>
    public IReadOnlyList<WebhookEndpoint> Webhooks { get; private set; } = [];

    /// <summary>The latest deliveries, tests included.</summary>
    public IReadOnlyList<AlertDeliveryView> Deliveries { get; private set; } = [];

    /// <summary>The new webhook's name.</summary>
    [BindProperty]
    public string? NewWebhookName { get; set; }

    /// <summary>The new webhook's address.</summary>
    [BindProperty]
    public string? NewWebhookUrl { get; set; }

    /// <summary>The users chosen as e-mail recipients.</summary>
    [BindProperty]
    public List<string> RecipientIds { get; set; } = [];

    /// <summary>The secret of the webhook just added, shown this once.</summary>
    public (string Name, string Secret)? CreatedWebhook { get; private set; }

    /// <summary>What the last action did.</summary>
    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Adds a webhook and shows its secret once.</summary>
    public async Task<IActionResult> OnPostAddWebhookAsync(CancellationToken cancellationToken)
    {
        var (webhook, secret, problem) = await _settings.AddWebhookAsync(NewWebhookName ?? "", NewWebhookUrl ?? "", cancellationToken);
        if (problem is not null)
        {
            ModelState.AddModelError(nameof(NewWebhookUrl), problem);
        }
        else
        {
            ModelState.Clear();
            CreatedWebhook = (webhook!.Name, secret!);
            NewWebhookName = null;
            NewWebhookUrl = null;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Removes a webhook.</summary>
    /// <param name="webhookId">The webhook.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public async Task<IActionResult> OnPostRemoveWebhookAsync(long webhookId, CancellationToken cancellationToken)
    {
        Message = await _settings.RemoveWebhookAsync(webhookId, cancellationToken) ? "The webhook is removed." : "That webhook was already removed.";
        return RedirectToPage();
    }

    /// <summary>Sends a test to a webhook.</summary>
    /// <param name="webhookId">The webhook.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public async Task<IActionResult> OnPostTestWebhookAsync(long webhookId, CancellationToken cancellationToken)
    {
        if (!await _context.WebhookEndpoints.AnyAsync(w => w.Id == webhookId, cancellationToken))
        {
            return NotFound();
        }

        var id = await _dispatcher.SendTestAsync(AlertChannel.Webhook, webhookId, null, cancellationToken);
        Message = $"Test delivery #{id} is queued; its attempts are listed below.";
        return RedirectToPage();
    }

    /// <summary>Sends a test e-mail to a user.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public async Task<IActionResult> OnPostTestEmailAsync(string userId, CancellationToken cancellationToken)
    {
        if (!await _context.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return NotFound();
        }

        var id = await _dispatcher.SendTestAsync(AlertChannel.Email, null, userId, cancellationToken);
        Message = $"Test delivery #{id} is queued; its attempts are listed below.";
        return RedirectToPage();
    }

    /// <summary>Saves who receives alerts by e-mail.</summary>
    public async Task<IActionResult> OnPostRecipientsAsync(CancellationToken cancellationToken)
    {
        await _settings.SetRecipientsAsync(RecipientIds, cancellationToken);
        Message = "The e-mail recipients are saved.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var recipients = await _context.AlertRecipients.AsNoTracking().Select(r => r.UserId).ToListAsync(cancellationToken);
        Users = [.. (await _context.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken))
            .Select(u => (u.Id, u.Email ?? u.Id, recipients.Contains(u.Id)))];
        Webhooks = await _context.WebhookEndpoints.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);
        Deliveries = await _alerts.DeliveriesAsync(null, DeliveriesShown, cancellationToken);
    }
}
