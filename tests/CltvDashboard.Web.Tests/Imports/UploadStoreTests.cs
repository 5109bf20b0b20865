using CltvDashboard.Web.Configuration;
using CltvDashboard.Web.Imports;
using Microsoft.Extensions.Options;

namespace CltvDashboard.Web.Tests.Imports;

public sealed class UploadStoreTests
{
    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_nothing_is_kept()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cltv-uploads-" + Guid.NewGuid().ToString("N"));
        try
        {
            var uploads = new UploadStore(Options.Create(new CltvWebOptions { DataFolder = folder, MaxUploadMegabytes = 1 }), TimeProvider.System);

            var save = () => uploads.SaveAsync(new MemoryStream(new byte[(1 << 20) + 1]), "big.csv", "analyst@example.com", default);

            await save.Should().ThrowAsync<UploadTooLargeException>();
            Directory.GetFiles(Path.Combine(folder, "uploads")).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
