using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages.Imports;

/// <summary>The latest imports, newest first.</summary>
public sealed class IndexModel : PageModel
{
    private const int Shown = 100;
    private readonly CltvDbContext _context;

    public IndexModel(CltvDbContext context) => _context = context;

    /// <summary>The imports shown.</summary>
    public IReadOnlyList<ImportBatch> Batches { get; private set; } = [];

    /// <summary>Reads the imports.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Batches = await _context.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(Shown).ToListAsync(cancellationToken);
        HoldsDemo = await _context.Datasets.AsNoTracking().OrderByDescending(d => d.Id).Select(d => d.Kind).FirstOrDefaultAsync(cancellationToken) == DatasetKind.Demo;
    }

    /// <summary>Whether the store holds the demo data, which can be removed from here.</summary>
    public bool HoldsDemo { get; private set; }
}
