using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Transactions;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace CltvDashboard.Domain.Tests.Clv.ParetoNbd;

public class ParetoNbdParametersTests
{
    // Fader & Hardie's CDNOW estimates, in weeks.
    private static readonly ParetoNbdParameters Cdnow = new(0.553, 10.578, 0.606, 11.669);

    [Theory]
    [InlineData(0.0, 1.0, 1.0, 1.0, "r")]
    [InlineData(1.0, -1.0, 1.0, 1.0, "alpha")]
    [InlineData(1.0, 1.0, double.NaN, 1.0, "s")]
    [InlineData(1.0, 1.0, 1.0, double.PositiveInfinity, "beta")]
    public void Parameters_must_be_positive_and_finite(double r, double alpha, double s, double beta, string name)
    {
        var create = () => new ParetoNbdParameters(r, alpha, s, beta);

        create.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }

    [Fact]
    public void Copies_are_validated_too()
    {
        var copy = () => Cdnow with { Beta = 0 };

        copy.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("beta");
    }

    [Fact]
    public void Parameters_are_named_as_in_the_literature()
    {
        Cdnow.Name.Should().Be("paretonbd");
        Cdnow.ParameterValues.Should().Equal(new Dictionary<string, double> { ["r"] = 0.553, ["alpha"] = 10.578, ["s"] = 0.606, ["beta"] = 11.669 });
        Cdnow.ToString().Should().Be("ParetoNbdParameters { r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669 }");
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 2.0)]
    [InlineData(4, 20.0)]
    [InlineData(40, 30.0)]
    public void Probability_alive_falls_while_the_customer_stays_silent(int x, double recency)
    {
        var previous = Cdnow.ProbabilityAlive(new PurchaseHistory(x, recency, recency));
        previous.Should().Be(1, "a customer who has just bought is alive");
        foreach (var age in new[] { 0.5, 1, 2, 5, 10, 20, 40, 80, 160 }.Select(d => recency + d))
        {
            var alive = Cdnow.ProbabilityAlive(new PurchaseHistory(x, recency, age));

            alive.Should().BeInRange(0, 1).And.BeLessThan(previous, $"T = {age}");
            previous = alive;
        }
    }

    [Fact]
    public void Expected_purchases_are_zero_at_no_horizon_and_grow_with_it()
    {
        var customer = new PurchaseHistory(2, 30.43, 38.86);
        Cdnow.ExpectedPurchases(customer, 0).Should().Be(0);
        Cdnow.ExpectedPurchasesNewCustomer(0).Should().Be(0);

        var previous = 0.0;
        var previousNew = 0.0;
        foreach (var t in new[] { 1e-9, 0.5, 1, 5, 39, 52, 500, 1e6 })
        {
            var expected = Cdnow.ExpectedPurchases(customer, t);
            var expectedNew = Cdnow.ExpectedPurchasesNewCustomer(t);

            expected.Should().BeGreaterThan(previous, $"t = {t}");
            expectedNew.Should().BeGreaterThan(previousNew, $"t = {t}");
            (previous, previousNew) = (expected, expectedNew);
        }
    }

    [Fact]
    public void New_customer_expectation_matches_integrated_survival()
    {
        // E[X(t)] = E[λ] E[min(lifetime, t)] = (r/α) ∫_0^t (β/(β+u))^s du, the survival of a Pareto (Lomax) lifetime.
        foreach (var parameters in new[] { Cdnow, new ParetoNbdParameters(2, 3, 1, 4), new ParetoNbdParameters(0.4, 20, 3.5, 2) })
        {
            foreach (var t in new[] { 0.1, 39, 78, 1000 })
            {
                var p = parameters;
                var expected = p.R / p.Alpha * Integrate.GaussKronrod(u => Math.Pow(p.Beta / (p.Beta + u), p.S), 0, t, 1e-13, 20, 31);

                p.ExpectedPurchasesNewCustomer(t).Should().BeApproximately(expected, 1e-10 * expected, $"{p}, t = {t}");
            }
        }
    }

    [Fact]
    public void New_customer_expectation_matches_the_mean_of_simulated_customers()
    {
        var random = new Random(20240531);
        var rates = new Gamma(Cdnow.R, Cdnow.Alpha, random);
        var dropouts = new Gamma(Cdnow.S, Cdnow.Beta, random);
        const int customers = 200_000;
        const double horizon = 52;
        double sum = 0, sumOfSquares = 0;
        for (var i = 0; i < customers; i++)
        {
            var lifetime = -Math.Log(1 - random.NextDouble()) / dropouts.Sample();
            var purchases = Poisson.Sample(random, rates.Sample() * Math.Min(lifetime, horizon));
            sum += purchases;
            sumOfSquares += (double)purchases * purchases;
        }

        var mean = sum / customers;
        var standardError = Math.Sqrt(((sumOfSquares / customers) - (mean * mean)) / customers);

        Cdnow.ExpectedPurchasesNewCustomer(horizon).Should().BeApproximately(mean, 4 * standardError);
    }

    [Fact]
    public void Expectations_are_smooth_through_s_equal_to_one()
    {
        var customer = new PurchaseHistory(3, 20, 39);
        var atOne = Cdnow with { S = 1 };
        foreach (var s in new[] { 1 - 1e-9, 1 + 1e-9, 1 - 1e-14, 1 + 1e-14 })
        {
            var near = Cdnow with { S = s };

            near.ExpectedPurchasesNewCustomer(39).Should().BeApproximately(atOne.ExpectedPurchasesNewCustomer(39), 1e-8);
            near.ExpectedPurchases(customer, 39).Should().BeApproximately(atOne.ExpectedPurchases(customer, 39), 1e-8);
        }

        // At s = 1 exactly: E[X(t)] = r β / α · ln(1 + t/β).
        atOne.ExpectedPurchasesNewCustomer(39).Should().BeApproximately(0.553 * 11.669 / 10.578 * Math.Log(1 + (39 / 11.669)), 1e-12);
    }

    [Fact]
    public void A_customer_without_history_expects_what_a_new_customer_expects()
    {
        var newcomer = new PurchaseHistory(0, 0, 0);

        Cdnow.ProbabilityAlive(newcomer).Should().Be(1);
        Cdnow.ExpectedPurchases(newcomer, 52).Should().BeApproximately(Cdnow.ExpectedPurchasesNewCustomer(52), 1e-12);
    }

    [Theory]
    [InlineData(0.553, 10.578, 0.606, 11.669)]
    [InlineData(0.8, 2.0, 1.3, 40.0)]
    [InlineData(1.7, 35.0, 0.4, 3.0)]
    public void Conditional_expectations_average_to_the_new_customer_increment(double r, double alpha, double s, double beta)
    {
        // Over all histories a customer can have at age T, E[Y(t) | history] averages to E[X(T + t)] − E[X(T)].
        var parameters = new ParetoNbdParameters(r, alpha, s, beta);
        const double age = 20, horizon = 30;

        var average = DirectIntegration.OverHistories(
            (x, recency) => parameters.LogLikelihood(new PurchaseHistory(x, recency, age)),
            (x, recency) => parameters.ExpectedPurchases(new PurchaseHistory(x, recency, age), horizon),
            age);

        var increment = parameters.ExpectedPurchasesNewCustomer(age + horizon) - parameters.ExpectedPurchasesNewCustomer(age);
        average.Should().BeApproximately(increment, 1e-7 * increment);
    }

    [Fact]
    public void One_time_buyers_recency_is_ignored()
    {
        Cdnow.LogLikelihood(new PurchaseHistory(0, 5, 30)).Should().Be(Cdnow.LogLikelihood(new PurchaseHistory(0, 0, 30)));
        Cdnow.ProbabilityAlive(new PurchaseHistory(0, 5, 30)).Should().Be(Cdnow.ProbabilityAlive(new PurchaseHistory(0, 0, 30)));
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var customer = new PurchaseHistory(2, 30.43, 38.86);

        FluentActions.Invoking(() => Cdnow.ExpectedPurchases(customer, -1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Cdnow.ExpectedPurchasesNewCustomer(double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Cdnow.ProbabilityAlive(new PurchaseHistory(2, 40, 30))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Cdnow.LogLikelihood(new PurchaseHistory(-1, 0, 30))).Should().Throw<ArgumentException>();
    }
}
