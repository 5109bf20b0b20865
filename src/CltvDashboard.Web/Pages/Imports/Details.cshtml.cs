using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Pages.Imports;

/// <summary>One import's report: its counts and the rows it refused, with line, column and reason.</summary>
public sealed class DetailsModel : PageModel
{
    private const int ProblemsShown = 500;
    private readonly CltvDbContext _context;

    public DetailsModel(CltvDbContext context) => _context = context;

    /// <summary>Amounts in the import's own currency.</summary>
    public DashboardFormat Format { get; private set; } = null!;

    /// <summary>The import.</summary>
    public ImportBatch Batch { get; private set; } = null!;

    /// <summary>The interrupted imports of the same upload that this import redid.</summary>
    public IReadOnlyList<long> Redoes { get; private set; } = [];

    /// <summary>The first refused rows, by line.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    /// <summary>Reads the import.</summary>
    /// <param name="id">The import batch's id.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await _context.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is not { } batch)
        {
            return this.NotFoundSaying($"There is no import #{id}.");
        }

        Batch = batch;
        var settings = await _context.BusinessSettings.AsNoTracking().SingleAsync(cancellationToken);
        Format = new DashboardFormat(batch.Currency ?? settings.CurrencyCode, settings.TimeZoneId);
        Redoes = await _context.ImportBatches.AsNoTracking().Where(b => b.RedoneByBatchId == id).OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(cancellationToken);
        Problems = await _context.ImportProblems.AsNoTracking()
            .Where(p => p.ImportBatchId == id)
            .OrderBy(p => p.LineNumber)
            .Take(ProblemsShown)
            .ToListAsync(cancellationToken);
        return Page();
    }
}
