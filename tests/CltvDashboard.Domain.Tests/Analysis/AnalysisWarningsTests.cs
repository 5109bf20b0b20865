using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Clv.Valuation;
using CltvDashboard.Domain.Segmentation;
using CltvDashboard.Domain.Transactions;
using CltvDashboard.TestSupport.Simulation;

namespace CltvDashboard.Domain.Tests.Analysis;

/// <summary>The analysis tells a shop owner, in one sentence each, what in the data or the fits weakens its numbers.</summary>
public class AnalysisWarningsTests
{
    private static readonly AnalysisSettings Settings = new(
        TimeUnit.Week,
        HoldoutMonths: 6,
        new ValuationOptions(12, ValuationOptions.MonthlyRateFromAnnual(0.1), 0.3, TimeUnit.Week),
        new ValueTierRule(0.2, 0.3),
        new ChurnRiskRule(0.3, 0.6),
        new Dictionary<string, decimal>());

    [Fact]
    public void Data_without_dropout_is_reported_as_such_and_the_forecasts_stay_finite()
    {
        // Two years of customers who never leave (p ~ Beta(1e-9, 1)), acquired over the first half year.
        var scenario = new CustomerBaseScenario(3000, new BgNbdProcess(0.9, 6, 1e-9, 1), new ObservationWindow(26, 78, 26), 41, CdnowLikeScenario.Spend);
        var calendar = new TransactionCalendar(new DateTime(2023, 1, 2), TimeUnit.Week);
        var log = new TransactionLog();
        foreach (var row in CustomerBaseSimulator.SimulateTransactions(scenario, calendar))
        {
            log.Add(row);
        }

        var result = CustomerBaseAnalysis.Run(log, calendar.SummaryPeriodFor(scenario.Window).ObservationEnd, Settings);

        var fits = string.Join('\n', result.ModelFits.Select(f => $"{f.ModelName} {f.Period} {string.Join(", ", f.Parameters.Select(p => $"{p.Key}={p.Value:G4}"))} {f.Warnings?.Replace('\n', '|')}"));
        result.Warnings.Should().ContainSingle(w => w.Contains("evidence of dropout in the data: ", StringComparison.Ordinal), fits);
        result.Warnings.Should().NotContain(w => w.Contains("No purchase-count model passed", StringComparison.Ordinal));
        result.Customers.Should().OnlyContain(c => c.ExpectedPurchases > 0 && double.IsFinite(c.ExpectedPurchases!.Value));
    }

    [Fact]
    public void Few_repeat_buyers_and_a_short_history_are_said_with_what_would_help()
    {
        var log = new TransactionLog();
        var first = new DateOnly(2024, 1, 1);
        for (var i = 0; i < 60; i++)
        {
            var id = $"c{i}";
            log.Add(id, first.AddDays(i), 20m);
            if (i % 4 == 0)
            {
                log.Add(id, first.AddDays(i + 30), 25m);
            }
        }

        var result = CustomerBaseAnalysis.Run(log, first.AddDays(120), Settings);

        result.Warnings.Should().Contain(
            "Only 15 of 60 customers (25.0 %) bought more than once: the models learn how often people buy and when they stop from repeat buyers, "
            + "and at least 100 of them would make P(alive), churn risk and CLV dependable, so treat these with caution.");
        result.Warnings.Should().Contain(w => w.StartsWith("The history is short (120 days, 2024-01-01 to 2024-04-30)", StringComparison.Ordinal));
    }
}
