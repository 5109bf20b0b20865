using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;
using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Imports;
using CltvDashboard.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Pages.Imports;

/// <summary>One import's report: its counts and the rows it refused, with line, column and reason.</summary>
public sealed class DetailsModel : PageModel
{
    private const int ProblemsShown = 500;
    private readonly CltvDbContext _context;
    private readonly UploadStore _uploads;
    private readonly TimeProvider _time;
    private readonly TimeSpan _keptFor;

    public DetailsModel(CltvDbContext context, UploadStore uploads, TimeProvider time, IOptions<CltvWebOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _uploads = uploads;
        _time = time;
        _keptFor = TimeSpan.FromHours(options.Value.AbandonedUploadHours);
    }

    /// <summary>The kept upload of a failed import that can be reviewed and imported again; null otherwise.</summary>
    public Guid? RetryUploadId { get; private set; }

    /// <summary>How many more hours the kept upload stays before the clean-up deletes it (at least 1).</summary>
    public int KeptHours { get; private set; }

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
        if (batch is { Status: ImportStatus.Failed, RedoneByBatchId: null, UploadId: { } uploadId }
            && await _uploads.FindAsync(uploadId, cancellationToken) is { Queued: false, FailureMessage: not null } kept)
        {
            RetryUploadId = uploadId;
            var left = (kept.FailedAtUtc ?? kept.UploadedAtUtc) + _keptFor - _time.GetUtcNow().UtcDateTime;
            KeptHours = Math.Max(1, (int)Math.Floor(left.TotalHours));
        }

        Redoes = await _context.ImportBatches.AsNoTracking().Where(b => b.RedoneByBatchId == id).OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(cancellationToken);
        Problems = await _context.ImportProblems.AsNoTracking()
            .Where(p => p.ImportBatchId == id)
            .OrderBy(p => p.LineNumber)
            .Take(ProblemsShown)
            .ToListAsync(cancellationToken);
        return Page();
    }
}
