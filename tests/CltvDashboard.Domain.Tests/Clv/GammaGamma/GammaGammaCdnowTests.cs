using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Tests.Support;

namespace CltvDashboard.Domain.Tests.Clv.GammaGamma;

public class GammaGammaCdnowTests
{
    private static readonly Lazy<GammaGammaFit> CdnowFit = new(() => GammaGammaFitter.Fit(CdnowSpend()));

    private static SpendHistory[] CdnowSpend() => [.. Cdnow.SampleSummary.Customers.Select(SpendHistory.From)];

    [Fact]
    public void Cdnow_sample_has_946_repeat_customers_all_with_positive_spend()
    {
        var spend = CdnowSpend();

        spend.Count(s => s.Frequency > 0).Should().Be(946);
        spend.Count(s => s.Frequency > 0 && s.MonetaryValue > 0).Should().Be(946);
    }

    [Fact]
    public void Fit_recovers_published_cdnow_parameters()
    {
        var fit = CdnowFit.Value;

        // Fader & Hardie (2013): p = 6.25, q = 3.74, γ = 15.44; lifetimes: 6.2488, 3.7443, 15.4471. The tolerance on γ
        // covers both optimisers.
        fit.Parameters.P.Should().BeApproximately(6.25, 0.005);
        fit.Parameters.Q.Should().BeApproximately(3.74, 0.005);
        fit.Parameters.Gamma.Should().BeApproximately(15.44, 0.01);
        fit.ModelFit.Diagnostics.Converged.Should().BeTrue();
        fit.ModelFit.Diagnostics.OnBoundary.Should().BeFalse();
        fit.CustomersUsed.Should().Be(946);
        fit.OneTimeBuyersLeftOut.Should().Be(1411);
        fit.ZeroValueCustomersLeftOut.Should().Be(0);
        fit.ModelFit.StandardErrors.Values.Should().AllSatisfy(se => se.Should().BePositive());
    }

    [Fact]
    public void Fit_reports_the_log_likelihood_of_its_estimates_in_currency()
    {
        var fit = CdnowFit.Value;
        var summed = CdnowSpend().Where(s => s.Frequency > 0)
            .Sum(s => fit.Parameters.LogLikelihood(s.Frequency, s.MonetaryValue));

        fit.ModelFit.LogLikelihood.Should().BeApproximately(summed, 1e-6 * Math.Abs(summed));
    }

    [Fact]
    public void Cdnow_frequency_and_spend_correlation_matches_lifetimes_and_raises_no_warning()
    {
        var fit = CdnowFit.Value;

        // lifetimes' Quickstart reports 0.113884 on its summary, whose monetary values are rounded to cents.
        fit.FrequencyValueCorrelation.Should().BeApproximately(0.113884, 0.001);
        fit.ModelFit.Diagnostics.Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("1", 24.658619)]
    [InlineData("2", 18.911489)]
    [InlineData("3", 35.170981)]
    [InlineData("6", 71.462843)]
    [InlineData("9", 27.282408)]
    public void Conditional_expected_values_of_cdnow_customers_match_lifetimes_quickstart(string customerId, double lifetimesValue)
    {
        // lifetimes' Quickstart prints these for its own fit (p = 6.2488, q = 3.7443, v = 15.4471) on monetary values
        // rounded to cents; the two fits and roundings differ by less than a cent.
        var customer = Cdnow.SampleSummary.Customers.Single(c => c.CustomerId == customerId);

        var value = CdnowFit.Value.Parameters.ConditionalExpectedAverageValue(customer.Frequency, customer.MonetaryValue);

        value.Should().BeApproximately(lifetimesValue, 0.01);
    }

    [Fact]
    public void Mean_conditional_expected_value_over_cdnow_matches_lifetimes_quickstart()
    {
        var parameters = CdnowFit.Value.Parameters;

        var mean = CdnowSpend().Average(s => parameters.ConditionalExpectedAverageValue(s.Frequency, s.MonetaryValue));

        // lifetimes: "Expected conditional average profit: 35.2529588256".
        mean.Should().BeApproximately(35.25296, 0.005);
    }
}
