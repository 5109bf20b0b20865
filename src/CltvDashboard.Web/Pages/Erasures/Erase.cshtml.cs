using System.Security.Claims;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages.Erasures;

/// <summary>Asks to confirm, then erases one customer (Admin).</summary>
public sealed partial class EraseModel : PageModel
{
    private readonly CustomerEraser _eraser;
    private readonly CltvDbContext _context;
    private readonly ILogger<EraseModel> _logger;

    public EraseModel(CustomerEraser eraser, CltvDbContext context, ILogger<EraseModel> logger)
    {
        _eraser = eraser;
        _context = context;
        _logger = logger;
    }

    /// <summary>The customer's key in the store, posted back by the confirmation.</summary>
    [BindProperty]
    public long CustomerId { get; set; }

    /// <summary>The customer to erase; null when there is none (or only an erased one).</summary>
    public ErasureTarget? Target { get; private set; }

    /// <summary>The erasure done, for the audit list's notice.</summary>
    [TempData]
    public string? Erased { get; set; }

    /// <summary>Shows whom the erasure concerns and asks to confirm.</summary>
    /// <param name="id">The customer's own id, as on their page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        Target = string.IsNullOrEmpty(id)
            ? null
            : await _context.Customers.AsNoTracking().Where(c => c.ExternalId == id)
                .Select(c => new ErasureTarget(c.Id, c.ExternalId, c.Email))
                .SingleOrDefaultAsync(cancellationToken);
        if (Target is { } target && CustomerEraser.IsPseudonym(target.ExternalId) && target.Email is null)
        {
            Target = null;
        }

        if (Target is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        CustomerId = Target.CustomerId;
        return Page();
    }

    /// <summary>Erases the customer once confirmed; the log names the Admin and the pseudonym, never the customer.</summary>
    /// <param name="cancellationToken">Cancels the erasure.</param>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var email = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? userId;
        var result = await _eraser.EraseAsync(CustomerId, new ErasingUser(userId, email), cancellationToken);
        if (result is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        LogErased(userId, result.Pseudonym, result.ImportProblemsScrubbed);
        Erased = $"The customer is erased; they are now {result.Pseudonym}.";
        return RedirectToPage("/Erasures/Index");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer erased by user {UserId}: now {Pseudonym}, {Scrubbed} rejected import rows scrubbed")]
    private partial void LogErased(string userId, string pseudonym, int scrubbed);
}

/// <summary>The customer an erasure concerns, for the Admin to recognise them before confirming.</summary>
/// <param name="CustomerId">The store's key.</param>
/// <param name="ExternalId">The customer's own id.</param>
/// <param name="Email">Their e-mail address, when known.</param>
public sealed record ErasureTarget(long CustomerId, string ExternalId, string? Email);
