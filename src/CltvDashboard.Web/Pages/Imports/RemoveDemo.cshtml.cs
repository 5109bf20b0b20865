using System.Security.Claims;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages.Imports;

/// <summary>Asks to confirm, then removes the demo data and everything computed from it (Analyst).</summary>
public sealed partial class RemoveDemoModel : PageModel
{
    private readonly DemoRemoval _removal;
    private readonly CltvDbContext _context;
    private readonly ILogger<RemoveDemoModel> _logger;

    public RemoveDemoModel(DemoRemoval removal, CltvDbContext context, ILogger<RemoveDemoModel> logger)
    {
        _removal = removal;
        _context = context;
        _logger = logger;
    }

    /// <summary>Why the demo cannot be removed now; null when it can.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Customers in the demo's current results.</summary>
    public int? Customers { get; private set; }

    /// <summary>The demo's calculation runs.</summary>
    public int Runs { get; private set; }

    /// <summary>The demo's imports.</summary>
    public int Imports { get; private set; }

    /// <summary>What was removed, after the removal.</summary>
    [TempData]
    public string? Removed { get; set; }

    /// <summary>Shows what will be removed and asks to confirm.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Refusal = await _removal.RefusalAsync(cancellationToken);
        if (Refusal is null && await _context.Datasets.AsNoTracking().OrderByDescending(d => d.Id).Select(d => (long?)d.Id).FirstOrDefaultAsync(cancellationToken) is { } demo)
        {
            Customers = await _context.CalculationRuns.AsNoTracking().Where(r => r.IsCurrent && r.DatasetId == demo).Select(r => r.CustomerCount).FirstOrDefaultAsync(cancellationToken);
            Runs = await _context.CalculationRuns.CountAsync(r => r.DatasetId == demo, cancellationToken);
            Imports = await _context.ImportBatches.CountAsync(b => b.DatasetId == demo, cancellationToken);
        }
    }

    /// <summary>Removes the demo once confirmed, and records who did it in the log.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await _removal.RemoveAsync(cancellationToken);
        if (!result.Removed)
        {
            Refusal = result.Refusal;
            return Page();
        }

        LogRemoved(User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", result.Customers, result.Transactions, result.Runs, result.Imports);
        Removed = FormattableString.Invariant(
            $"The demo data are removed: {result.Customers:N0} customers, {result.Transactions:N0} transactions, {result.Runs:N0} calculation runs and {result.Imports:N0} imports. The store is empty.");
        return RedirectToPage("/Index");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data removed by user {UserId}: {Customers} customers, {Transactions} transactions, {Runs} runs, {Imports} imports")]
    private partial void LogRemoved(string userId, int customers, int transactions, int runs, int imports);
}
