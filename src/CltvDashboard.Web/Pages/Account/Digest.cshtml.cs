using System.ComponentModel.DataAnnotations;
using CltvDashboard.Infrastructure.Alerts.Delivery;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Digest;
using CltvDashboard.Infrastructure.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Pages.Account;

/// <summary>The signed-in user's weekly digest: opt in with a day and hour, change them, preview it, have one sent now, or stop it.</summary>
public sealed class DigestModel : PageModel
{
    // The preview draws nothing from elsewhere and runs no script: inline styles (what mail needs) and the inline chart only.
    private const string PreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private readonly DigestSubscriptions _subscriptions;
    private readonly WeeklyDigestJob _job;
    private readonly DigestComposer _composer;
    private readonly UserManager<CltvUser> _users;
    private readonly CltvDbContext _context;
    private readonly AlertDeliveryOptions _delivery;
    private readonly TimeProvider _time;

    public DigestModel(
        DigestSubscriptions subscriptions,
        WeeklyDigestJob job,
        DigestComposer composer,
        UserManager<CltvUser> users,
        CltvDbContext context,
        IOptions<AlertDeliveryOptions> delivery,
        TimeProvider time)
    {
        _subscriptions = subscriptions;
        _job = job;
        _composer = composer;
        _users = users;
        _context = context;
        _delivery = delivery.Value;
        _time = time;
    }

    /// <summary>The day of the week.</summary>
    [BindProperty]
    [Display(Name = "Day")]
    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>The hour, in the business's time zone.</summary>
    [BindProperty]
    [Range(0, 23)]
    [Display(Name = "Hour")]
    public int Hour { get; set; } = 8;

    /// <summary>The user's subscription; null when they receive no digest.</summary>
    public DigestSubscription? Subscription { get; private set; }

    /// <summary>The business's time zone, in which the hour is read.</summary>
    public string TimeZoneId { get; private set; } = "UTC";

    /// <summary>Why digests cannot be sent on this installation; null when they can.</summary>
    public string? Unavailable => _job.Unavailable;

    /// <summary>What the last action did, to show once.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Whether <see cref="Message"/> reports a failure.</summary>
    [TempData]
    public bool Failed { get; set; }

    /// <summary>The days, Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> Days { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Shows the user's digest settings.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Opts in, or moves the digest to the day and hour chosen.</summary>
    /// <param name="cancellationToken">Cancels the change.</param>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(Day))
        {
            ModelState.AddModelError(string.Empty, "Choose a day and an hour from 0 to 23.");
            await LoadAsync(cancellationToken, keepInput: true);
            return Page();
        }

        var existed = await _subscriptions.FindAsync(UserId, cancellationToken) is not null;
        await _subscriptions.SubscribeAsync(UserId, Day, Hour, cancellationToken);
        Message = existed
            ? $"Your digest now comes every {Day} at {Hour:00}:00."
            : $"You will receive the weekly digest every {Day} at {Hour:00}:00.";
        Failed = false;
        return RedirectToPage();
    }

    /// <summary>Sends the digest now.</summary>
    /// <param name="cancellationToken">Stops the sending.</param>
    public async Task<IActionResult> OnPostSendNowAsync(CancellationToken cancellationToken)
    {
        var problem = await _job.SendNowAsync(UserId, cancellationToken);
        Message = problem ?? $"This week's digest is on its way to {User.Identity?.Name}.";
        Failed = problem is not null;
        return RedirectToPage();
    }

    /// <summary>Stops the digest.</summary>
    /// <param name="cancellationToken">Cancels the change.</param>
    public async Task<IActionResult> OnPostStopAsync(CancellationToken cancellationToken)
    {
        await _subscriptions.UnsubscribeAsync(UserId, cancellationToken);
        Message = "You will receive no more weekly digests.";
        Failed = false;
        return RedirectToPage();
    }

    /// <summary>This week's digest as it would arrive, in the browser.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IActionResult> OnGetPreviewAsync(CancellationToken cancellationToken)
    {
        var digest = await _composer.ComposeAsync(_time.GetUtcNow().UtcDateTime, cancellationToken);
        if (digest is null)
        {
            Message = "There is no finished run to summarise yet.";
            Failed = true;
            return RedirectToPage();
        }

        var appUrl = string.IsNullOrWhiteSpace(_delivery.AppUrl) ? $"{Request.Scheme}://{Request.Host}" : _delivery.AppUrl;
        var subscription = await _subscriptions.FindAsync(UserId, cancellationToken);
        var links = subscription is null ? new DigestLinks(appUrl, appUrl.TrimEnd('/') + "/Account/Digest") : WeeklyDigestJob.Links(appUrl, subscription);
        var chart = "data:image/png;base64," + Convert.ToBase64String(DigestChart.ValueBySegment(digest.ValueBySegment, digest.Format));
        Response.Headers.ContentSecurityPolicy = PreviewPolicy;
        return Content(DigestMail.Html(digest, links, chart), "text/html; charset=utf-8");
    }

    private string UserId => _users.GetUserId(User) ?? throw new InvalidOperationException("The page requires a signed-in user.");

    private async Task LoadAsync(CancellationToken cancellationToken, bool keepInput = false)
    {
        Subscription = await _subscriptions.FindAsync(UserId, cancellationToken);
        TimeZoneId = await _context.BusinessSettings.AsNoTracking().Where(s => s.Id == BusinessSettings.SingletonId).Select(s => s.TimeZoneId).SingleAsync(cancellationToken);
        if (Subscription is not null && !keepInput)
        {
            Day = Subscription.Day;
            Hour = Subscription.Hour;
        }
    }
}
