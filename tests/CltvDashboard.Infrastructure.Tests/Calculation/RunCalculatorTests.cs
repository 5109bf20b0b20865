using System.Globalization;
using System.Text.Json;
using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
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
