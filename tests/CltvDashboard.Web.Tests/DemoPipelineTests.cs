using System.Net.Http.Json;
using System.Text.Json;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

public sealed class DemoPipelineTests
{
    [Fact]
    public async Task Loading_the_demo_computes_a_current_run_over_every_cdnow_customer()
    {
        await using var database = await TestDatabase.CreateAsync(Infrastructure.Data.DatabaseProvider.Sqlite);
        await using var app = new CltvWebFactory(database, realPipeline: true);
        var client = await app.SignedInClientAsync(CltvRoles.Analyst);

        var response = await CltvWebFactory.PostFormAsync(client, "/", [], "/?handler=LoadDemo");
        var uploadId = response.Headers.Location!.OriginalString.Split('/').Last();
        var status = await ImportPolling.WaitForImportAsync(client, uploadId);
        var runId = status.GetProperty("runId").GetInt64();

        var until = DateTime.UtcNow.AddMinutes(3);
        JsonElement run;
        do
        {
            await Task.Delay(200);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/status");
        }
        while (run.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < until);

        run.GetProperty("status").GetString().Should().Be("Succeeded", run.ToString());
        run.GetProperty("percentComplete").GetInt32().Should().Be(100);
        await using var context = app.CreateContext();
        var current = await context.CalculationRuns.AsNoTracking().SingleAsync(r => r.IsCurrent);
        current.Id.Should().Be(runId);
        (await context.CustomerMetrics.CountAsync(m => m.CalculationRunId == runId)).Should().Be(23_570);
        current.ChosenModel.Should().NotBeNull();
        var runs = await client.GetStringAsync("/Runs");
        runs.Should().Contain("Succeeded").And.Contain("23,570").And.Contain(CltvDashboard.Web.Pages.Runs.IndexModel.ModelName(current.ChosenModel!));
        runs.Should().Contain("Reading transactions").And.Contain(" ms</td>");
    }
}
