using System.Net.Http.Json;
using System.Text.Json;

namespace CltvDashboard.Web.Tests.Support;

/// <summary>Waits for an upload's import through the status endpoint the progress page polls.</summary>
public static class ImportPolling
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>Polls until the import succeeded or failed, or the deadline passes.</summary>
    /// <returns>The last status.</returns>
    public static async Task<JsonElement> WaitForImportAsync(HttpClient client, string uploadId)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{uploadId}/status");
            var state = status.GetProperty("state").GetString();
            if (state is "Succeeded" or "Failed")
            {
                return status;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The import was still {state} after {Deadline}.");
            }

            await Task.Delay(100);
        }
    }
}
