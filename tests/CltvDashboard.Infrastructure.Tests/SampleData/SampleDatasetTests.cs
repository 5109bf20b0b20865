using CltvDashboard.Infrastructure.SampleData;
using CltvDashboard.TestSupport;

namespace CltvDashboard.Infrastructure.Tests.SampleData;

public class SampleDatasetTests
{
    [Fact]
    public void Cdnow_sample_dataset_ships_with_the_product_byte_for_byte()
    {
        using var stream = SampleDatasets.Cdnow.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        var published = File.ReadAllBytes(TestDataFiles.CdnowMaster);
        copy.ToArray().Should().Equal(published);
        SampleDatasets.Cdnow.Currency.Should().Be("USD");
    }
}
