using CltvDashboard.Domain.Segmentation;

namespace CltvDashboard.Domain.Tests.Segmentation;

public class ChurnRiskRuleTests
{
    private readonly ChurnRiskRule _rule = new(HighBelow: 0.3, MediumBelow: 0.6);

    [Theory]
    [InlineData(0.0, "High")]
    [InlineData(0.2999, "High")]
    [InlineData(0.3, "Medium")]
    [InlineData(0.5999, "Medium")]
    [InlineData(0.6, "Low")]
    [InlineData(1.0, "Low")]
    public void Bands_start_at_their_threshold(double probabilityAlive, string band) =>
        _rule.Band(probabilityAlive).Should().Be(band);

    [Fact]
    public void Without_a_model_the_band_is_unknown() => _rule.Band(null).Should().Be(Segmentations.Unknown);

    [Fact]
    public void Bands_are_listed_riskiest_first() => ChurnRiskRule.Bands.Should().Equal("High", "Medium", "Low");
}
