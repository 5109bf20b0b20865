using System.Data.Common;
using System.Text.Json;
using CltvDashboard.Domain.Cohorts;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;
using CltvDashboard.Infrastructure.Alerts;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CltvDashboard.Infrastructure.Calculation;

/// <summary>
/// One recalculation: reads the stored transactions set-based, runs the engine, writes a complete
/// <see cref="CalculationRun"/> and only then makes it current. The previous run stays current while this one
/// computes and when it fails. Running the same run again is safe: a finished run is left alone, and whatever
/// an unfinished attempt wrote is deleted first.
/// </summary>
public sealed partial class RecalculationPipeline
{
    private readonly CltvDbContext _context;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the pipeline over a store.</summary>
    /// <param name="context">The store; the pipeline uses its connection for the whole run and never disposes it.</param>
    /// <param name="timeProvider">The clock of requests and timestamps; the system clock when null.</param>
    /// <param name="logger">Where stage progress is logged.</param>
    public RecalculationPipeline(CltvDbContext context, TimeProvider? timeProvider = null, ILogger<RecalculationPipeline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RecalculationPipeline>.Instance;
    }

    /// <summary>Creates a queued run and carries it out at once: what <c>cltv recalc</c> does.</summary>
    /// <param name="trigger">Why the run is wanted.</param>
    /// <param name="asOfUtc">The as-of instant; now when null.</param>
    /// <param name="cancellationToken">Stops the run; it is then recorded as failed.</param>
    public async Task<RecalculationSummary> RecalculateAsync(CalculationTrigger trigger, DateTime? asOfUtc = null, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var run = new CalculationRun
        {
            Status = CalculationRunStatus.Running,
            Trigger = trigger,
            AsOfUtc = asOfUtc ?? now,
            RequestedAtUtc = now,
            Stage = RunStages.Waiting,
        };
        _context.CalculationRuns.Add(run);
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        _context.ChangeTracker.Clear();
        return await RunAsync(run.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a run as of the end of a day in the business's time zone and carries it out at once.</summary>
    /// <param name="trigger">Why the run is wanted.</param>
    /// <param name="asOf">The last day of data to take into account, in the business's time zone.</param>
    /// <param name="cancellationToken">Stops the run; it is then recorded as failed.</param>
    public async Task<RecalculationSummary> RecalculateAsync(CalculationTrigger trigger, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var zoneId = await _context.BusinessSettings.AsNoTracking().Select(s => s.TimeZoneId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? "UTC";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        var endOfDay = PurchaseDay.ToInstant(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).UtcDateTime.AddTicks(-1);
        return await RecalculateAsync(trigger, endOfDay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Carries out a run: queued, running (an attempt that died) or failed (a retry). A finished run is returned as it
    /// is; a run that a newer one has overtaken ends <see cref="CalculationRunStatus.Superseded"/> without computing.
    /// </summary>
    /// <param name="runId">The <see cref="CalculationRun"/> to carry out.</param>
    /// <param name="cancellationToken">Stops the run; it is then recorded as failed.</param>
    /// <exception cref="RecalculationException">The data or settings do not allow a run; the run records why.</exception>
    public async Task<RecalculationSummary> RunAsync(long runId, CancellationToken cancellationToken = default)
    {
        await _context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var store = RunDataStore.For(_context.Database.GetDbConnection());
            var held = await store.LockAsync(cancellationToken).ConfigureAwait(false);
            await using (held.ConfigureAwait(false))
            {
                return await RunLockedAsync(store, runId, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await _context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task<RecalculationSummary> RunLockedAsync(RunDataStore store, long runId, CancellationToken cancellationToken)
    {
        var run = await _context.CalculationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false)
            ?? throw new RecalculationException($"There is no calculation run {runId}.");
        if (run.Status is CalculationRunStatus.Succeeded or CalculationRunStatus.Cancelled or CalculationRunStatus.Superseded)
        {
            return await SummaryAsync(run, [], cancellationToken).ConfigureAwait(false);
        }

        // A retry of an old attempt (Hangfire retries a failed run for up to a quarter of an hour, and re-delivers a
        // dead worker's job) must not publish results older than those of a run requested after it. Any newer run
        // that is past the queue (under way, waiting for this lock, or finished) takes its place.
        var overtaken = await _context.CalculationRuns
            .AnyAsync(r => r.Id > runId && r.Status != CalculationRunStatus.Queued, cancellationToken).ConfigureAwait(false);
        if (overtaken)
        {
            await SupersedeAsync(store, _context.CalculationRuns.Where(r => r.Id == runId), cancellationToken).ConfigureAwait(false);
            return await SummaryAsync(await _context.CalculationRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false), [], cancellationToken).ConfigureAwait(false);
        }

        var clock = new StageClock();
        try
        {
            var startedAt = _timeProvider.GetUtcNow().UtcDateTime;
            // Under the lock, a run still marked running with a start time is one whose attempt stopped part-way with
            // its process: the job storage delivered the job again once that worker's heartbeat stopped.
            var resumed = run is { Status: CalculationRunStatus.Running, StartedAtUtc: not null };
            DateTime? resumedAt = resumed ? startedAt : run.ResumedAtUtc;
            if (resumed)
            {
                LogResumed(runId, run.Stage ?? "", run.PercentComplete);
            }

            await _context.CalculationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, CalculationRunStatus.Running)
                    .SetProperty(r => r.StartedAtUtc, startedAt)
                    .SetProperty(r => r.FinishedAtUtc, (DateTime?)null)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                    .SetProperty(r => r.Error, (string?)null)
                    .SetProperty(r => r.Stage, resumed ? RunStages.Resuming : RunStages.Preparing)
                    .SetProperty(r => r.PercentComplete, 0)
                    .SetProperty(r => r.ResumedAtUtc, resumedAt),
                cancellationToken).ConfigureAwait(false);

            // Under the lock no other run is computing, so an older run still queued, failed (perhaps awaiting a
            // retry) or running with a start time (an attempt whose process died) is one this run overtakes. A run
            // marked running without a start time is the command line's, waiting for this lock; it is newer work
            // in waiting, not an abandoned attempt, and is left alone.
            await SupersedeAsync(
                store,
                _context.CalculationRuns.Where(r => r.Id < runId
                    && (r.Status == CalculationRunStatus.Queued
                        || r.Status == CalculationRunStatus.Failed
                        || (r.Status == CalculationRunStatus.Running && r.StartedAtUtc != null))),
                cancellationToken).ConfigureAwait(false);
            clock.Enter(RunStages.Preparing);
            LogStage(runId, RunStages.Preparing);
            await store.DeleteResultsAsync(runId, cancellationToken).ConfigureAwait(false);

            var settings = await LoadSettingsAsync(cancellationToken).ConfigureAwait(false);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZoneId);
            var asOfDay = PurchaseDay.Of(new DateTimeOffset(DateTime.SpecifyKind(run.AsOfUtc, DateTimeKind.Utc)), zone);
            // The run belongs to the dataset whose transactions it reads, and is compared only with a run of the same
            // dataset: after a replacing import, the current run describes other data, and movement against it is noise.
            var dataset = await _context.Datasets.AsNoTracking().OrderByDescending(d => d.Id)
                .Select(d => new { d.Id, d.Currency }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var datasetId = dataset?.Id;
            var currency = dataset?.Currency ?? settings.CurrencyCode;
            await _context.CalculationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
                set => set.SetProperty(r => r.DatasetId, datasetId).SetProperty(r => r.Currency, currency), cancellationToken).ConfigureAwait(false);
            var previousId = await _context.CalculationRuns.Where(r => r.IsCurrent && r.DatasetId == datasetId)
                .Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);

            EnterStage(clock, runId, RunStages.Reading, 5);
            var log = new TransactionLog(1 << 16);
            store.ReadDailyTotals(log, zone, asOfDay, cancellationToken);
            if (log.LastDay is not { } lastDay)
            {
                throw new RecalculationException($"There are no transactions on or before {asOfDay:yyyy-MM-dd}: import some first.");
            }

            EnterStage(clock, runId, RunStages.ReadingPrevious, 25);
            var channels = store.ReadChannels();
            var previous = previousId is { } id ? store.ReadSegments(id) : null;

            // Recency and tenure run to the last day with data, not to today: a history that ended long ago (the
            // demo dataset) is valued as of its end rather than as if every customer had lapsed since.
            var observationEnd = lastDay < asOfDay ? lastDay : asOfDay;
            var runSettings = RunSettings.From(settings) with { CurrencyCode = currency };
            var calculator = new RunCalculator(runSettings, (stage, percent) => EnterStage(clock, runId, stage, percent), _timeProvider);
            var results = calculator.Calculate(log, observationEnd, channels, previous);
            log = null;

            var figures = RunFigures.Compute(results.Customers.Rows, results.Segments, results.RuleOfThumb, runSettings, results.RevenueOfCustomersLeftOut, results.Ranges);

            EnterStage(clock, runId, RunStages.Writing, 90);
            await WriteResultsAsync(store, runId, results, figures, cancellationToken).ConfigureAwait(false);

            EnterStage(clock, runId, RunStages.Publishing, 98);
            clock.Close();
            await PublishAsync(runId, runSettings, results, clock.Timings, cancellationToken).ConfigureAwait(false);
            await JudgeAlertsAsync(runId, previousId, runSettings, zone).ConfigureAwait(false);
            await PruneAsync(store, settings.RunsToKeep, cancellationToken).ConfigureAwait(false);
            var finished = await _context.CalculationRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false);
            return await SummaryAsync(finished, results.Warnings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            clock.Close();
            var message = await RecordFailureAsync(runId, e, clock.Timings).ConfigureAwait(false);
            await JudgeFailureAlertAsync(runId, message).ConfigureAwait(false);
            throw;
        }
    }

    // Results an abandoned attempt wrote are deleted with its status change: they can never become current.
    private async Task SupersedeAsync(RunDataStore store, IQueryable<CalculationRun> runs, CancellationToken cancellationToken)
    {
        var ids = await runs.Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        foreach (var id in ids)
        {
            await store.DeleteResultsAsync(id, cancellationToken).ConfigureAwait(false);
            LogSuperseded(id);
        }

        await _context.CalculationRuns.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.Status, CalculationRunStatus.Superseded)
                .SetProperty(r => r.IsCurrent, false)
                .SetProperty(r => r.Stage, RunStages.Superseded)
                .SetProperty(r => r.FinishedAtUtc, r => r.FinishedAtUtc ?? now),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<BusinessSettings> LoadSettingsAsync(CancellationToken cancellationToken)
    {
        var settings = await _context.BusinessSettings.AsNoTracking().Include(s => s.AcquisitionCosts)
            .SingleOrDefaultAsync(s => s.Id == BusinessSettings.SingletonId, cancellationToken).ConfigureAwait(false)
            ?? throw new RecalculationException("The business settings are missing from the store; migrate it first.");
        var problems = BusinessSettingsRules.Validate(settings);
        if (problems.Count > 0)
        {
            throw new RecalculationException("The settings are not valid: " + string.Join("; ", problems.Select(p => $"{p.Setting}: {p.Message}")));
        }

        return settings;
    }

    private async Task WriteResultsAsync(RunDataStore store, long runId, RunResults results, RunFigures figures, CancellationToken cancellationToken)
    {
        // One transaction: a worker that dies while writing leaves nothing behind, and the retry starts clean.
        var transaction = await _context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await store.WriteCustomersAsync(runId, results.Customers, transaction.GetDbTransaction(), cancellationToken).ConfigureAwait(false);
            foreach (var segment in results.Segments)
            {
                segment.CalculationRunId = runId;
            }

            foreach (var migration in results.Migrations)
            {
                migration.CalculationRunId = runId;
            }

            foreach (var fit in results.ModelFits)
            {
                fit.CalculationRunId = runId;
            }

            foreach (var check in results.ModelChecks)
            {
                check.CalculationRunId = runId;
            }

            figures.Kpis.CalculationRunId = runId;
            foreach (var bucket in figures.ClvDistribution)
            {
                bucket.CalculationRunId = runId;
            }

            foreach (var cell in figures.RfmGrid)
            {
                cell.CalculationRunId = runId;
            }

            _context.SegmentSummaries.AddRange(results.Segments);
            _context.KpiSummaries.Add(figures.Kpis);
            _context.ClvBuckets.AddRange(figures.ClvDistribution);
            _context.RfmGridCells.AddRange(figures.RfmGrid);
            _context.Set<RunModelCheckPoint>().AddRange(results.ModelChecks);
            _context.ModelFits.AddRange(results.ModelFits);
            _context.SegmentMigrations.AddRange(results.Migrations);
            _context.CohortCells.AddRange(results.CohortCells.Select(c => CohortRow(runId, RunCohortCell.AllChannels, c)));
            foreach (var (channel, table) in results.ChannelCohorts)
            {
                _context.CohortCells.AddRange(table.Cells.Select(c => CohortRow(runId, channel, c)));
            }

            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            _context.ChangeTracker.Clear();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static RunCohortCell CohortRow(long runId, string channel, CohortCell cell) => new()
    {
        CalculationRunId = runId,
        Channel = channel,
        AcquisitionMonth = cell.AcquisitionMonth,
        MonthsSinceAcquisition = cell.MonthsSinceAcquisition,
        CohortSize = cell.CohortSize,
        ActiveCustomers = cell.ActiveCustomers,
        Revenue = cell.Revenue,
        CumulativeRevenue = cell.CumulativeRevenue,
        IsPartial = cell.IsPartial,
    };

    private async Task PublishAsync(long runId, RunSettings settings, RunResults results, IReadOnlyList<StageTiming> timings, CancellationToken cancellationToken)
    {
        var finishedAt = _timeProvider.GetUtcNow().UtcDateTime;
        var settingsJson = settings.ToJson();
        var timingsJson = JsonSerializer.Serialize(timings.Select(t => new { stage = t.Stage, milliseconds = t.Milliseconds }));
        var warnings = RunWarnings.Join(results.Warnings);

        // The switch of current run is one short transaction: readers see the old run or the new one, never neither.
        var transaction = await _context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await _context.CalculationRuns.Where(r => r.IsCurrent && r.Id != runId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.IsCurrent, false), cancellationToken).ConfigureAwait(false);
            await _context.CalculationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.IsCurrent, true)
                    .SetProperty(r => r.Status, CalculationRunStatus.Succeeded)
                    .SetProperty(r => r.FinishedAtUtc, finishedAt)
                    .SetProperty(r => r.Stage, RunStages.Done)
                    .SetProperty(r => r.PercentComplete, 100)
                    .SetProperty(r => r.SettingsVersion, settings.Version)
                    .SetProperty(r => r.SettingsJson, settingsJson)
                    .SetProperty(r => r.ObservationEnd, results.ObservationEnd)
                    .SetProperty(r => r.CalibrationEnd, results.CalibrationEnd)
                    .SetProperty(r => r.CustomerCount, results.Customers.Length)
                    .SetProperty(r => r.ChosenModel, results.ChosenModel)
                    .SetProperty(r => r.ModelChoiceReason, results.ModelChoiceReason)
                    .SetProperty(r => r.Warnings, warnings)
                    .SetProperty(r => r.StageTimingsJson, timingsJson),
                cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Old finished runs go beyond the retention setting; the current run and runs under way are never pruned.
    private async Task PruneAsync(RunDataStore store, int runsToKeep, CancellationToken cancellationToken)
    {
        var finished = new[] { CalculationRunStatus.Succeeded, CalculationRunStatus.Failed, CalculationRunStatus.Cancelled, CalculationRunStatus.Superseded };
        var old = await _context.CalculationRuns.AsNoTracking()
            .Where(r => finished.Contains(r.Status) && !r.IsCurrent)
            .OrderByDescending(r => r.Id)
            .Skip(Math.Max(0, runsToKeep - 1))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in old)
        {
            await store.DeleteResultsAsync(id, cancellationToken).ConfigureAwait(false);
            await _context.CalculationRuns.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The run is published before its alerts are judged: an alert that cannot be stored is logged and never turns a
    // finished run into a failed one, and a cancellation that comes after publishing does not cut the judging short.
    private async Task JudgeAlertsAsync(long runId, long? previousId, RunSettings settings, TimeZoneInfo zone)
    {
        try
        {
            var alerts = new RunAlerts(_context, _timeProvider);
            await alerts.AfterSuccessAsync(runId, previousId, settings.Analysis.ChurnRisk, settings.PurchaseWindowDays, zone, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or DbUpdateException)
        {
            _context.ChangeTracker.Clear();
            LogAlertsNotJudged(runId, e);
        }
    }

    private async Task JudgeFailureAlertAsync(long runId, string message)
    {
        try
        {
            // Not cancellable, like the failure it reports.
            await new RunAlerts(_context, _timeProvider).AfterFailureAsync(runId, message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or DbUpdateException)
        {
            _context.ChangeTracker.Clear();
            LogAlertsNotJudged(runId, e);
        }
    }

    private async Task<string> RecordFailureAsync(long runId, Exception error, IReadOnlyList<StageTiming> timings)
    {
        var message = error switch
        {
            RecalculationException or Domain.Clv.ModelFitException => error.Message,
            OperationCanceledException => "The run was stopped before it finished.",
            _ => $"The run failed unexpectedly: {error.Message}",
        };
        var finishedAt = _timeProvider.GetUtcNow().UtcDateTime;
        var timingsJson = JsonSerializer.Serialize(timings.Select(t => new { stage = t.Stage, milliseconds = t.Milliseconds }));
        _context.ChangeTracker.Clear();
        try
        {
            // Not cancellable: the failure must be recorded even when the run was cancelled.
            await _context.CalculationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, CalculationRunStatus.Failed)
                    .SetProperty(r => r.Error, message)
                    .SetProperty(r => r.FinishedAtUtc, finishedAt)
                    .SetProperty(r => r.StageTimingsJson, timingsJson),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception recordError) when (recordError is DbException or InvalidOperationException)
        {
            LogFailureNotRecorded(runId, recordError);
        }

        return message;
    }

    private void EnterStage(StageClock clock, long runId, string stage, int percent)
    {
        clock.Enter(stage);
        LogStage(runId, stage);
        _context.CalculationRuns.Where(r => r.Id == runId).ExecuteUpdate(
            set => set.SetProperty(r => r.Stage, stage).SetProperty(r => r.PercentComplete, percent));
    }

    // Read back from what the run stored, so that a finished run asked again reports the same as when it finished.
    private async Task<RecalculationSummary> SummaryAsync(CalculationRun run, IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        var timings = string.IsNullOrEmpty(run.StageTimingsJson)
            ? []
            : JsonSerializer.Deserialize<List<JsonElement>>(run.StageTimingsJson)!
                .Select(t => new StageTiming(t.GetProperty("stage").GetString()!, t.GetProperty("milliseconds").GetInt64()))
                .ToList();
        var allWarnings = warnings.Count > 0 ? warnings : RunWarnings.Split(run.Warnings);
        if (run.Status != CalculationRunStatus.Succeeded)
        {
            return new RecalculationSummary(
                run.Id, run.Status, run.CustomerCount ?? 0, run.ObservationEnd, run.CalibrationEnd, run.ChosenModel, run.ModelChoiceReason, timings, allWarnings);
        }

        var holdout = await _context.ModelFits.AsNoTracking()
            .Where(f => f.CalculationRunId == run.Id && f.ModelName == run.ChosenModel && f.Period == ModelFitPeriod.Calibration
                && f.HoldoutPredictedPurchases != null && f.HoldoutActualPurchases != null)
            .Select(f => new HoldoutCheck(ModelSelection.HoldoutCriterion, f.HoldoutPredictedPurchases!.Value, f.HoldoutActualPurchases!.Value))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var stored = await _context.SegmentSummaries.AsNoTracking()
            .Where(s => s.CalculationRunId == run.Id && s.Segmentation == Segmentations.ChurnRisk)
            .Select(s => new { s.Segment, s.CustomerCount })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var bands = ChurnRiskRule.Bands.ToDictionary(b => b, b => stored.Where(s => s.Segment == b).Sum(s => s.CustomerCount), StringComparer.Ordinal);
        if (stored.Where(s => s.Segment == Segmentations.Unknown).Sum(s => s.CustomerCount) is > 0 and var unknown)
        {
            bands[Segmentations.Unknown] = unknown;
        }

        return new RecalculationSummary(
            run.Id, run.Status, run.CustomerCount ?? 0, run.ObservationEnd, run.CalibrationEnd, run.ChosenModel, run.ModelChoiceReason, timings, allWarnings)
        {
            Holdout = holdout,
            ChurnRiskBands = bands,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calculation run {RunId}: {Stage}")]
    private partial void LogStage(long runId, string stage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calculation run {RunId} is resumed: the worker running it stopped at {Stage} ({Percent} %)")]
    private partial void LogResumed(long runId, string stage, int percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calculation run {RunId} is superseded by a newer run")]
    private partial void LogSuperseded(long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calculation run {RunId} failed and the failure could not be recorded")]
    private partial void LogFailureNotRecorded(long runId, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calculation run {RunId}: its alerts could not be judged")]
    private partial void LogAlertsNotJudged(long runId, Exception error);
}
