using System.Globalization;

namespace CltvDashboard.TestSupport.Tests;

public class ShopifyExportGeneratorTests
{
    [Fact]
    public void Same_seed_gives_the_same_export_and_another_seed_another()
    {
        ShopifyExportGenerator.Generate(240, 13).Should().Be(ShopifyExportGenerator.Generate(240, 13))
            .And.NotBe(ShopifyExportGenerator.Generate(240, 14));
    }

    [Fact]
    public void Export_has_every_customer_with_repeat_buyers_and_paris_offsets_within_the_two_years()
    {
        var lines = ShopifyExportGenerator.Generate(240, 13).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().StartWith("Name,Email,Financial Status,Paid at");
        var orders = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var byCustomer = orders.GroupBy(o => o[1]).ToList();
        byCustomer.Should().HaveCount(240);
        byCustomer.Count(c => c.Count() > 1).Should().BeInRange(60, 200, "a realistic share of customers come back");
        var stamps = orders.Select(o => DateTimeOffset.ParseExact(o[3], "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)).ToList();
        stamps.Select(s => s.Offset).Distinct().Should().BeEquivalentTo([TimeSpan.FromHours(1), TimeSpan.FromHours(2)]);
        stamps.Should().OnlyContain(s => s.Year >= 2023 && s.Year <= 2024);
        stamps.Count(s => s.Hour < 2).Should().BeGreaterThan(orders.Count / 5, "purchases after midnight in Paris fall on the day before in UTC");
    }
}
