using System.Net;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

public abstract class DemoTests(AppFixture fixture)
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task Loading_the_demo_imports_cdnow_and_requests_a_recalculation()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        (await client.GetStringAsync("/")).Should().Contain("Load the CDNOW demo");

        var response = await CltvWebFactory.PostFormAsync(client, "/", [], "/?handler=LoadDemo");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var uploadId = response.Headers.Location!.OriginalString.Split('/').Last();
        var status = await ImportPolling.WaitForImportAsync(client, uploadId);
        status.GetProperty("state").GetString().Should().Be("Succeeded", status.ToString());
        status.GetProperty("runId").ValueKind.Should().Be(JsonValueKind.Number);
        await using var context = App.CreateContext();
        (await context.Customers.CountAsync()).Should().BeGreaterThanOrEqualTo(23_570);
        (await client.GetStringAsync("/")).Should().Contain("Overview").And.NotContain("Load the CDNOW demo");
    }

    [Fact]
    public async Task Loading_the_demo_again_while_it_waits_or_runs_queues_no_second_import()
    {
        var client = await App.SignedInClientAsync(CltvRoles.Analyst);
        int batchesBefore;
        await using (var before = App.CreateContext())
        {
            batchesBefore = await before.ImportBatches.CountAsync();
        }

        var formToken = await CltvWebFactory.AntiforgeryTokenAsync(client, "/Runs");
        var posts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostAsync(
            "/?handler=LoadDemo", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = formToken }))));

        posts.Should().OnlyContain(p => p.StatusCode == HttpStatusCode.Redirect);
        var uploads = posts.Select(p => p.Headers.Location!.OriginalString.Split('/').Last()).Distinct().ToList();
        uploads.Should().ContainSingle("every load asked for while the first waits shows that one");
        (await ImportPolling.WaitForImportAsync(client, uploads[0])).GetProperty("state").GetString().Should().Be("Succeeded");
        await using var context = App.CreateContext();
        (await context.ImportBatches.CountAsync()).Should().Be(batchesBefore + 1);
    }
}
