using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.SampleData;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Imports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages;

/// <summary>The start page: how to begin on an empty store, the store's size otherwise.</summary>
public sealed class IndexModel : PageModel
{
    private readonly CltvDbContext _context;
    private readonly IAuthorizationService _authorization;
    private readonly DemoLoader _demo;

    public IndexModel(CltvDbContext context, IAuthorizationService authorization, DemoLoader demo)
    {
        _context = context;
        _authorization = authorization;
        _demo = demo;
    }

    /// <summary>Whether any transaction is stored.</summary>
    public bool HasData { get; private set; }

    /// <summary>Whether the user may import.</summary>
    public bool CanImport { get; private set; }

    /// <summary>Customers in the current results; null until a run has succeeded.</summary>
    public int? Customers { get; private set; }

    /// <summary>Transactions stored: what the imports since the last replacing one added.</summary>
    public long Transactions { get; private set; }

    /// <summary>Successful imports.</summary>
    public int Imports { get; private set; }

    /// <summary>When the last import finished.</summary>
    public DateTime? LastImportUtc { get; private set; }

    /// <summary>Whether the store holds the demo data (and so nothing of the business's own).</summary>
    public bool HoldsDemo { get; private set; }

    /// <summary>What the demo's removal did, just after it.</summary>
    [TempData]
    public string? Removed { get; set; }

    /// <summary>The demo dataset.</summary>
    public SampleDataset Demo => DemoLoader.Dataset;

    /// <summary>
    /// Reads the counts from the import batches and the current run, never by counting the transaction or customer
    /// tables: those grow with the business, and this page opens on every visit.
    /// </summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanImport = (await _authorization.AuthorizeAsync(User, AppResources.Imports.Policy)).Succeeded;
        HasData = await _context.Transactions.AnyAsync(cancellationToken);
        if (!HasData)
        {
            return;
        }

        HoldsDemo = await _context.Datasets.AsNoTracking().OrderByDescending(d => d.Id).Select(d => d.Kind).FirstOrDefaultAsync(cancellationToken) == DatasetKind.Demo;
        var succeeded = _context.ImportBatches.AsNoTracking().Where(b => b.Status == ImportStatus.Succeeded);
        var imports = await succeeded
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Last = g.Max(b => b.FinishedAtUtc), LastReplace = g.Where(b => b.Mode == ImportMode.Replace).Max(b => (long?)b.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        Imports = imports?.Count ?? 0;
        LastImportUtc = imports?.Last;
        // A replacing import leaves exactly its own rows; every later one adds its imported rows.
        var since = imports?.LastReplace ?? 0;
        Transactions = await succeeded.Where(b => b.Id >= since).SumAsync(b => b.RowsImported, cancellationToken);
        Customers = await _context.CalculationRuns.AsNoTracking().Where(r => r.IsCurrent).Select(r => r.CustomerCount).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Queues the CDNOW demo dataset like an upload and shows its progress; while a demo import waits or runs, shows
    /// that one instead of queuing another.
    /// </summary>
    public async Task<IActionResult> OnPostLoadDemoAsync(CancellationToken cancellationToken)
    {
        if (!(await _authorization.AuthorizeAsync(User, AppResources.Imports.Policy)).Succeeded)
        {
            return Forbid();
        }

        var (uploadId, _) = await _demo.QueueAsync(User.Identity!.Name!, cancellationToken);
        return RedirectToPage("/Imports/Progress", new { id = uploadId });
    }
}
