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
    private readonly UploadStore _uploads;
    private readonly ImportBacklog _queue;

    /// <summary>Creates the page.</summary>
    public IndexModel(CltvDbContext context, IAuthorizationService authorization, UploadStore uploads, ImportBacklog queue)
    {
        _context = context;
        _authorization = authorization;
        _uploads = uploads;
        _queue = queue;
    }

    /// <summary>Whether any transaction is stored.</summary>
    public bool HasData { get; private set; }

    /// <summary>Whether the user may import.</summary>
    public bool CanImport { get; private set; }

    /// <summary>Customers stored.</summary>
    public int Customers { get; private set; }

    /// <summary>Transactions stored.</summary>
    public int Transactions { get; private set; }

    /// <summary>Successful imports.</summary>
    public int Imports { get; private set; }

    /// <summary>When the last import finished.</summary>
    public DateTime? LastImportUtc { get; private set; }

    /// <summary>The demo dataset.</summary>
    public SampleDataset Demo => SampleDatasets.Cdnow;

    /// <summary>Reads the counts.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanImport = (await _authorization.AuthorizeAsync(User, Policies.Analyst)).Succeeded;
        Transactions = await _context.Transactions.CountAsync(cancellationToken);
        HasData = Transactions > 0;
        if (HasData)
        {
            Customers = await _context.Customers.CountAsync(cancellationToken);
            Imports = await _context.ImportBatches.CountAsync(b => b.Status == ImportStatus.Succeeded, cancellationToken);
            LastImportUtc = await _context.ImportBatches.Where(b => b.Status == ImportStatus.Succeeded).MaxAsync(b => b.FinishedAtUtc, cancellationToken);
        }
    }

    /// <summary>Queues the CDNOW demo dataset like an upload and shows its progress.</summary>
    public async Task<IActionResult> OnPostLoadDemoAsync(CancellationToken cancellationToken)
    {
        if (!(await _authorization.AuthorizeAsync(User, Policies.Analyst)).Succeeded)
        {
            return Forbid();
        }

        PendingImport pending;
        var file = Demo.Open();
        await using (file)
        {
            pending = await _uploads.SaveAsync(file, Demo.FileName, User.Identity!.Name!, cancellationToken);
        }

        pending = pending with { Queued = true, Currency = Demo.Currency };
        await _uploads.WriteAsync(pending, cancellationToken);
        _queue.Enqueue(pending);
        return RedirectToPage("/Imports/Progress", new { id = pending.Id });
    }
}
