using CltvDashboard.Domain.Analysis;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Analysis;

public class SpendEstimateTests
{
    [Fact]
    public void Gamma_gamma_gives_each_customer_the_conditional_expected_value()
    {
        var customers = Cdnow.SampleSummary.Customers;

        var spend = SpendEstimate.Compute(customers);

        spend.Fit.Should().NotBeNull();
        spend.MeanIsUnbounded.Should().BeFalse();
        var parameters = spend.Fit!.Parameters;
        for (var i = 0; i < 20; i++)
        {
            spend.ExpectedAverageValues[i].Should().Be(parameters.ConditionalExpectedAverageValue(customers[i].Frequency, Math.Max(0, customers[i].MonetaryValue)));
        }
    }

    [Fact]
    public void Without_enough_repeat_buyers_everyone_gets_the_historical_average()
    {
        var log = new TransactionLog();
        log.Add("1", new DateOnly(2024, 1, 1), 10m);
        log.Add("1", new DateOnly(2024, 2, 1), 30m);
        log.Add("2", new DateOnly(2024, 1, 5), 20m);
        var day = new DateOnly(2024, 3, 1);
        var customers = new CustomerSummaryBuilder(log).Build(new SummaryPeriod(day, day, TimeUnit.Week)).Customers;

        var spend = SpendEstimate.Compute(customers);

        spend.Fit.Should().BeNull();
        spend.Failure.Should().NotBeNullOrEmpty();
        spend.HistoricalAverage.Should().Be(20);
        spend.ExpectedAverageValues.Should().Equal(20, 20);
    }
}
