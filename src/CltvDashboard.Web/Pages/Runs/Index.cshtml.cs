using System.Text.Json;
using CltvDashboard.Domain.Clv;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Web.Identity;
using CltvDashboard.Web.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Serilog.Context;

namespace CltvDashboard.Web.Pages.Runs;

/// <summary>The history of calculation runs; Analysts can ask for a new one.</summary>
public sealed partial class IndexModel : PageModel
{
    private const int Shown = 100;
    private static readonly JsonSerializerOptions TimingJson = new(JsonSerializerDefaults.Web);
    private readonly CltvDbContext _context;
    private readonly IAuthorizationService _authorization;
    private readonly IRecalculationScheduler _recalculation;
    private readonly ILogger<IndexModel> _logger;

    public IndexModel(CltvDbContext context, IAuthorizationService authorization, IRecalculationScheduler recalculation, ILogger<IndexModel> logger)
    {
        _context = context;
        _authorization = authorization;
        _recalculation = recalculation;
        _logger = logger;
    }

    /// <summary>The runs shown, newest first.</summary>
    public IReadOnlyList<CalculationRun> Runs { get; private set; } = [];

    /// <summary>The datasets the runs shown were computed on, by id.</summary>
    public IReadOnlyDictionary<long, Dataset> Datasets { get; private set; } = new Dictionary<long, Dataset>();

    /// <summary>The current dataset's id; runs of other datasets are listed but never compared with it.</summary>
    public long? CurrentDatasetId { get; private set; }

    /// <summary>Whether the user can ask for a recalculation here.</summary>
    public bool CanRecalculate { get; private set; }

    /// <summary>The run just requested.</summary>
    [TempData]
    public string? RequestedRun { get; set; }

    /// <summary>Reads the runs.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanRecalculate = (await _authorization.AuthorizeAsync(User, Policies.Analyst)).Succeeded;
        Runs = await _context.CalculationRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(Shown).ToListAsync(cancellationToken);
        var ids = Runs.Where(r => r.DatasetId is not null).Select(r => r.DatasetId!.Value).Distinct().ToList();
        Datasets = await _context.Datasets.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        CurrentDatasetId = await _context.Datasets.MaxAsync(d => (long?)d.Id, cancellationToken);
    }

    /// <summary>The data a run was computed on, in words: the file that started its dataset, its currency, and whether it was replaced since.</summary>
    /// <param name="run">The run.</param>
    public string DatasetLabel(CalculationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.DatasetId is not { } id || !Datasets.TryGetValue(id, out var dataset))
        {
            return run.Currency ?? "–";
        }

        var what = dataset.Kind == DatasetKind.Demo ? "demo" : dataset.FileName ?? "your data";
        var currency = run.Currency is null ? "" : " · " + run.Currency;
        return id == CurrentDatasetId ? what + currency : what + currency + " (replaced)";
    }

    /// <summary>Asks for a recalculation (Analyst).</summary>
    public async Task<IActionResult> OnPostRecalculateAsync(CancellationToken cancellationToken)
    {
        if (!(await _authorization.AuthorizeAsync(User, Policies.Analyst)).Succeeded)
        {
            return Forbid();
        }

        var runId = await _recalculation.RequestAsync(CalculationTrigger.Manual, cancellationToken);
        RequestedRun = runId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (LogContext.PushProperty("RunId", runId))
        {
            LogRequested();
        }

        return RedirectToPage();
    }

    /// <summary>Whether any run listed failed with an error: only then has the table an Error column.</summary>
    public bool AnyError => Runs.Any(r => r.Error is not null);

    /// <summary>A run's data-quality and model notes, one per line as stored; empty when it has none.</summary>
    /// <param name="run">The run.</param>
    public static IReadOnlyList<string> Notes(CalculationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Warnings?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
    }

    /// <summary>The per-stage timings a run recorded, in order; empty while none are recorded.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The timings.</returns>
    public static IReadOnlyList<StageTiming> Timings(CalculationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.StageTimingsJson is null
            ? []
            : JsonSerializer.Deserialize<List<StageTiming>>(run.StageTimingsJson, TimingJson) ?? [];
    }

    /// <summary>The plain name of a stored model key.</summary>
    /// <param name="model">The key, e.g. "bgnbd".</param>
    /// <returns>The name shown to people.</returns>
    public static string ModelName(string model) => CountModelCatalog.DisplayName(model);

    /// <summary>How long a run took, or has been running.</summary>
    /// <param name="run">The run.</param>
    public static string Duration(CalculationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.StartedAtUtc is not { } started)
        {
            return "–";
        }

        var seconds = ((run.FinishedAtUtc ?? DateTime.UtcNow) - started).TotalSeconds;
        return seconds < 120 ? $"{seconds:0.0} s" : $"{seconds / 60:0.0} min";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recalculation requested from the Runs page")]
    private partial void LogRequested();
}
