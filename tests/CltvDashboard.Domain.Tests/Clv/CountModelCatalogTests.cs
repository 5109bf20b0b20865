using CltvDashboard.Domain.Clv;
using CltvDashboard.Domain.Clv.BgNbd;
using CltvDashboard.Domain.Clv.GammaGamma;
using CltvDashboard.Domain.Clv.ParetoNbd;
using CltvDashboard.Domain.Tests.Support;
using CltvDashboard.Domain.Transactions;

namespace CltvDashboard.Domain.Tests.Clv;

public class CountModelCatalogTests
{
    private static readonly PurchaseHistory[] Probes =
    [
        new(0, 0, 38.86),
        new(2, 30.43, 38.86),
        new(7, 35, 36),
        new(1, 2, 30),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, CountModelFit>> Fits = new(() =>
        CountModelCatalog.All.ToDictionary(m => m.Name, m => m.Fit(Cdnow.SampleSummary.Histories())));

    public static TheoryData<string> ModelNames() => [.. CountModelCatalog.Names];

    [Fact]
    public void Catalog_lists_bgnbd_paretonbd_and_mbgnbd_in_that_order()
    {
        CountModelCatalog.Names.Should().Equal(BgNbdParameters.ModelName, ParetoNbdParameters.ModelName, MbgNbdParameters.ModelName);
        CountModelCatalog.All.Select(m => m.DisplayName).Should().Equal("BG/NBD", "Pareto/NBD", "MBG/NBD");
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Fit_names_the_model_it_fitted(string name)
    {
        Fits.Value[name].Model.Name.Should().Be(name);
        CountModelCatalog.Get(name).ParameterNames.Should().Equal(Fits.Value[name].Model.ParameterValues.Keys);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Stored_parameters_rebuild_a_model_with_identical_predictions(string name)
    {
        var fitted = Fits.Value[name].Model;
        var stored = new Dictionary<string, double>(fitted.ParameterValues);

        var rebuilt = CountModelCatalog.Rebuild(name, stored)!;

        rebuilt.Name.Should().Be(name);
        foreach (var probe in Probes)
        {
            rebuilt.ProbabilityAlive(probe).Should().Be(fitted.ProbabilityAlive(probe));
            rebuilt.ExpectedPurchases(probe, 39).Should().Be(fitted.ExpectedPurchases(probe, 39));
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Rebuild_without_every_parameter_gives_nothing(string name)
    {
        var stored = new Dictionary<string, double>(Fits.Value[name].Model.ParameterValues);
        stored.Remove(stored.Keys.Last());

        CountModelCatalog.Rebuild(name, stored).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void No_retention_change_keeps_the_predictions(string name)
    {
        var model = Fits.Value[name].Model;

        var same = CountModelCatalog.Get(name).WithRetentionChange(model, 0);

        foreach (var probe in Probes)
        {
            same.ExpectedPurchases(probe, 52).Should().BeApproximately(model.ExpectedPurchases(probe, 52), 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Longer_retention_raises_expected_purchases_of_every_customer(string name)
    {
        var model = Fits.Value[name].Model;

        var longer = CountModelCatalog.Get(name).WithRetentionChange(model, 0.25);
        var shorter = CountModelCatalog.Get(name).WithRetentionChange(model, -0.2);

        longer.Name.Should().Be(name);
        foreach (var probe in Probes.Where(p => p.Frequency > 0))
        {
            longer.ExpectedPurchases(probe, 52).Should().BeGreaterThan(model.ExpectedPurchases(probe, 52));
            shorter.ExpectedPurchases(probe, 52).Should().BeLessThan(model.ExpectedPurchases(probe, 52));
        }
    }

    [Fact]
    public void Retention_change_divides_the_beta_geometric_mean_dropout_and_keeps_its_spread()
    {
        var model = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

        var changed = (BgNbdParameters)CountModelCatalog.Get(BgNbdParameters.ModelName).WithRetentionChange(model, 0.1);

        (changed.A / (changed.A + changed.B)).Should().BeApproximately(model.A / (model.A + model.B) / 1.1, 1e-12);
        (changed.A + changed.B).Should().BeApproximately(model.A + model.B, 1e-12);
        (changed.R, changed.Alpha).Should().Be((model.R, model.Alpha));
    }

    [Fact]
    public void Retention_change_divides_the_pareto_mean_dropout_rate()
    {
        var model = new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67);

        var changed = (ParetoNbdParameters)CountModelCatalog.Get(ParetoNbdParameters.ModelName).WithRetentionChange(model, 0.1);

        (changed.S / changed.Beta).Should().BeApproximately(model.S / model.Beta / 1.1, 1e-12);
        (changed.R, changed.Alpha, changed.S).Should().Be((model.R, model.Alpha, model.S));
    }

    [Fact]
    public void A_definition_refuses_another_models_parameters()
    {
        var pareto = new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67);

        var change = () => CountModelCatalog.Get(BgNbdParameters.ModelName).WithRetentionChange(pareto, 0.1);

        change.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Display_names_cover_the_spend_model_and_pass_unknown_names_through()
    {
        CountModelCatalog.DisplayName("paretonbd").Should().Be("Pareto/NBD");
        CountModelCatalog.DisplayName(GammaGammaParameters.ModelName).Should().Be("Gamma-Gamma (order value)");
        CountModelCatalog.DisplayName("something-else").Should().Be("something-else");
        CountModelCatalog.Find(GammaGammaParameters.ModelName).Should().BeNull();
        var unknown = () => CountModelCatalog.Get("nope");
        unknown.Should().Throw<ArgumentOutOfRangeException>();
    }
}
