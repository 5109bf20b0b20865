using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CltvDashboard.TestSupport;
using CltvDashboard.Web.Tests.Support;
using Npgsql;

namespace CltvDashboard.Web.Tests;

/// <summary>
/// The docker-compose configuration run by hand, since Docker's engine does not run here: PostgreSQL plus a web
/// process and a worker-only process of the same build, wired by the same environment variables.
/// </summary>
public sealed class ScaleOutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_web_and_a_worker_process_share_one_postgres_database_and_only_the_worker_runs_jobs()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.CreateDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), "cltv-scale-" + Guid.NewGuid().ToString("N"));
        var webPort = FreePort();
        var workerPort = FreePort();
        var web = Start("web", database, webPort, Path.Combine(folder, "web"), admin: true);
        try
        {
            await WaitReadyAsync(web, webPort);
            var worker = Start("worker", database, workerPort, Path.Combine(folder, "worker"), admin: false);
            try
            {
                await WaitReadyAsync(worker, workerPort);

                (await HangfireServersAsync(database)).Should().Be(1, "only the worker instance runs a job server");
                using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
                var signIn = await CltvWebFactory.PostFormAsync(
                    client, "/Account/SignIn", new() { ["Email"] = "admin@example.com", ["Password"] = CltvWebFactory.Password });
                signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, web.Output);
                (await client.GetAsync("/Users")).StatusCode.Should().Be(HttpStatusCode.OK);
            }
            finally
            {
                worker.Stop();
            }
        }
        finally
        {
            web.Stop();
            await server.DropDatabaseAsync(database);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static AppProcess Start(string role, string database, int port, string dataFolder, bool admin)
    {
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(bin, "CltvDashboard.Web.dll")])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["CLTV_DATABASE"] = database;
        start.Environment["CLTV_ROLE"] = role;
        start.Environment["CLTV_DATA_DIR"] = dataFolder;
        if (admin)
        {
            start.Environment["CLTV_ADMIN_EMAIL"] = "admin@example.com";
            start.Environment["CLTV_ADMIN_PASSWORD"] = CltvWebFactory.Password;
        }

        return new AppProcess(Process.Start(start)!);
    }

    private static async Task WaitReadyAsync(AppProcess app, int port)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            app.Process.HasExited.Should().BeFalse($"the instance must keep running; its output:\n{app.Output}");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The instance on port {port} was not ready after {Deadline}; its output:\n{app.Output}");
    }

    private static async Task<long> HangfireServersAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hangfire.server", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class AppProcess
    {
        private readonly StringBuilder _output = new();

        public AppProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Stop()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
