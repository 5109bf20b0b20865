using CltvDashboard.Infrastructure.SampleData;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

public class SampleDatasetTests
{
    [Fact]
    public void Cdnow_sample_dataset_ships_with_the_product_byte_for_byte()
    {
        using var stream = SampleDatasets.Cdnow.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);

        var published = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "cdnow", "cdnow_master.csv"));
        copy.ToArray().Should().Equal(published);
        SampleDatasets.Cdnow.Currency.Should().Be("USD");
    }
}
