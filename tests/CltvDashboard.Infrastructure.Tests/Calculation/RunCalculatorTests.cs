using System.Globalization;
using System.Text.Json;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Domain.Validation;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using CltvDashboard.Infrastructure.Tests.Support;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

/// <summary>A run stores what the Domain's analysis finds on the same transactions with the run's settings.</summary>
public sealed class RunCalculatorTests(SqliteStoreDatabase store) : IClassFixture<SqliteStoreDatabase>
{
    [Fact]
    public async Task Run_stores_the_model_choice_reason_and_fits_of_the_domain_analysis()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var summary = await RunStore.RecalculateAsync(database);
        var run = await RunStore.RunAsync(database, summary.RunId);
        var settings = RunSettings.FromJson(run.SettingsJson)!;

        var analysis = CustomerBaseAnalysis.Run(SampleLog(), summary.ObservationEnd!.Value, settings.Analysis);

        summary.ChosenModel.Should().Be(analysis.ChosenModel);
        run.ModelChoiceReason.Should().Be(analysis.ModelChoiceReason);
        run.CalibrationEnd.Should().Be(analysis.CalibrationEnd);
        summary.Warnings.Should().Equal(analysis.Warnings);
        var fits = await RunStore.FitsAsync(database, summary.RunId);
        fits.Select(f => (f.ModelName, Calibration: f.Period == ModelFitPeriod.Calibration, f.IsChosen, f.Converged)).Should().BeEquivalentTo(
            analysis.ModelFits.Select(f => (f.ModelName, Calibration: f.Period == FitPeriod.Calibration, f.IsChosen, f.Converged)));
        foreach (var fit in analysis.ModelFits)
        {
            var stored = fits.Single(f => f.ModelName == fit.ModelName && (f.Period == ModelFitPeriod.Calibration) == (fit.Period == FitPeriod.Calibration));
            var parameters = JsonSerializer.Deserialize<Dictionary<string, double>>(stored.ParametersJson)!;
            parameters.Keys.Should().Equal(fit.Parameters.Keys);
            foreach (var (name, value) in fit.Parameters)
            {
                parameters[name].Should().BeApproximately(value, 1e-9 * Math.Abs(value), $"{fit.ModelName} {name}");
            }

            // The store numbers customers in its own order, so sums over them may differ in the last bits.
            (stored.HoldoutMeanAbsoluteError ?? 0).Should().BeApproximately(fit.Holdout?.MeanAbsoluteError ?? 0, 1e-12);
        }
    }

    [Fact]
    public async Task Customers_are_stored_once_each_with_the_analysis_segments()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var summary = await RunStore.RecalculateAsync(database);
        var run = await RunStore.RunAsync(database, summary.RunId);
        var analysis = CustomerBaseAnalysis.Run(SampleLog(), summary.ObservationEnd!.Value, RunSettings.FromJson(run.SettingsJson)!.Analysis);

        var customers = await RunStore.CustomersAsync(database, summary.RunId);

        customers.Should().HaveCount(analysis.Customers.Length);
        customers.Select(c => c.CustomerId).Should().OnlyHaveUniqueItems();
        customers.GroupBy(c => c.ValueTier).Select(g => (g.Key, g.Count())).Should().BeEquivalentTo(
            analysis.Customers.GroupBy(c => c.ValueTier).Select(g => (g.Key, g.Count())));
        customers.GroupBy(c => c.Segment).Select(g => (g.Key, g.Count())).Should().BeEquivalentTo(
            analysis.Customers.GroupBy(c => c.Segment).Select(g => (g.Key, g.Count())));
    }

    [Fact]
    public async Task Each_customers_chance_of_buying_again_expected_next_purchase_and_churn_band_are_stored_as_the_analysis_found_them()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        var summary = await RunStore.RecalculateAsync(database);
        var run = await RunStore.RunAsync(database, summary.RunId);
        var settings = RunSettings.FromJson(run.SettingsJson)!;
        var analysis = CustomerBaseAnalysis.Run(SampleLog(), summary.ObservationEnd!.Value, settings.Analysis);

        var stored = await StoredByExternalIdAsync(database, summary.RunId);

        settings.PurchaseWindowDays.Should().Be(BusinessSettings.DefaultPurchaseWindowDays);
        settings.Analysis.PurchaseWindowDays.Should().Be(settings.PurchaseWindowDays);
        analysis.Customers.Should().OnlyContain(c => c.PurchaseProbability != null, "a model was fitted");
        foreach (var expected in analysis.Customers)
        {
            var row = stored[expected.CustomerId];
            // The store numbers customers in its own order, so the fit may differ from the analysis's in the last bits.
            row.PurchaseProbability!.Value.Should().BeApproximately(expected.PurchaseProbability!.Value, 1e-9, expected.CustomerId);
            row.ExpectedNextPurchase.Should().Be(expected.ExpectedNextPurchase, expected.CustomerId);
            row.ChurnRiskBand.Should().Be(expected.ChurnRiskBand, expected.CustomerId);
            row.ChurnRiskBand.Should().Be(new ChurnRiskRule(settings.HighChurnRiskBelow, settings.MediumChurnRiskBelow).Band(row.PurchaseProbability), "bands are judged on the chance of buying again");
        }

        stored.Values.Should().Contain(r => r.ExpectedNextPurchase != null).And.Contain(r => r.ExpectedNextPurchase == null, "some CDNOW customers are never expected back");
        stored.Values.Select(r => r.ChurnRiskBand).Distinct().Should().BeEquivalentTo(ChurnRiskRule.Bands);
        summary.ChurnRiskBands.Should().BeEquivalentTo(stored.Values.GroupBy(r => r.ChurnRiskBand).ToDictionary(g => g.Key, g => g.Count()));
        var chosen = analysis.ModelFits.Single(f => f.Period == FitPeriod.Calibration && f.IsChosen).Holdout!;
        summary.Holdout.Should().NotBeNull();
        summary.Holdout!.Criterion.Should().Be(ModelSelection.HoldoutCriterion);
        summary.Holdout.Predicted.Should().BeApproximately(chosen.TotalPredicted, 1e-6 * chosen.TotalPredicted);
        summary.Holdout.Actual.Should().Be(chosen.TotalActual);
    }

    [Fact]
    public async Task A_run_without_a_holdout_reports_no_holdout_check()
    {
        var database = await RunStore.WithCdnowSampleAsync(store);
        await RunStore.ChangeSettingsAsync(database, s => s.HoldoutMonths = 0);

        var summary = await RunStore.RecalculateAsync(database);

        summary.Holdout.Should().BeNull();
        summary.ChurnRiskBands.Values.Sum().Should().Be(summary.Customers);
    }

    private static async Task<Dictionary<string, RunCustomerMetric>> StoredByExternalIdAsync(string database, long runId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.CustomerMetrics.AsNoTracking().Where(m => m.CalculationRunId == runId)
            .Join(context.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { c.ExternalId, Metric = m })
            .ToDictionaryAsync(x => x.ExternalId, x => x.Metric, StringComparer.Ordinal);
    }

    // The CDNOW sample as the importer reads it: a customer's amounts on a day, by the shipped file's columns.
    private static TransactionLog SampleLog()
    {
        var log = new TransactionLog();
        foreach (var line in File.ReadLines(TestData("cdnow", "cdnow_sample.csv")).Skip(1))
        {
            var fields = line.Split(',');
            log.Add(fields[0], DateOnly.ParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), decimal.Parse(fields[3], CultureInfo.InvariantCulture));
        }

        return log;
    }
}
