using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CltvDashboard.TestSupport;

/// <summary>
/// The PostgreSQL server the tests use, one per test process: the server named by <c>CLTV_TEST_POSTGRES</c> when
/// set (as <c>.ci/run</c> does), otherwise a throwaway cluster started here with the machine's initdb and pg_ctl
/// in a temporary folder on a free port, and stopped and deleted when the process exits. Tests therefore run on a
/// fresh machine with PostgreSQL installed but no server running.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>Environment variable with an admin connection string to an existing server.</summary>
    public const string ConnectionVariable = "CLTV_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>A connection string of a superuser, to the postgres database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The process's server, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "cltv_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured);
        }

        var cluster = ThrowawayCluster.Start();
        var server = new PostgresServer(cluster.ConnectionString);
        await server.ExecuteAsync("SELECT 1");
        return server;
    }

    private sealed class ThrowawayCluster
    {
        private readonly string _binFolder;
        private readonly string _folder;
        private readonly bool _asPostgresUser;

        private ThrowawayCluster(string binFolder, string folder, bool asPostgresUser, int port)
        {
            _binFolder = binFolder;
            _folder = folder;
            _asPostgresUser = asPostgresUser;
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password=postgres;Database=postgres;Include Error Detail=true";
        }

        public string ConnectionString { get; }

        private string DataFolder => Path.Combine(_folder, "data");

        public static ThrowawayCluster Start()
        {
            var binFolder = FindBinFolder();
            // The server refuses to run as root; the packaged postgres account runs it instead.
            var asPostgresUser = Environment.UserName == "root";
            var folder = Path.Combine(Path.GetTempPath(), "cltv-pg-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            if (asPostgresUser)
            {
                Run("chown", ["postgres:postgres", folder]);
            }

            var cluster = new ThrowawayCluster(binFolder, folder, asPostgresUser, FreePort());
            try
            {
                cluster.RunTool("initdb", ["-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
                var port = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port;
                // Durability settings are off because the cluster is thrown away; the socket lives in the temporary
                // folder so that the system cluster's socket directory is never touched.
                var serverOptions = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
                cluster.RunTool("pg_ctl", ["-D", cluster.DataFolder, "-l", Path.Combine(folder, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"]);
                cluster.StartWatchdog();
                return cluster;
            }
            catch
            {
                cluster.Stop();
                throw;
            }
        }

        // The test host is ended by the runner soon after the last test, sometimes before exit handlers finish, and
        // may crash; a detached shell that outlives it stops the cluster and deletes its folder whenever it goes.
        private void StartWatchdog()
        {
            var stop = string.Join(' ', (_asPostgresUser ? ["runuser", "-u", "postgres", "--"] : Array.Empty<string>())
                .Concat([Path.Combine(_binFolder, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop"])
                .Select(Quote));
            var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf {Quote(_folder)}";
            var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
            foreach (var argument in new[] { "sh", "-c", script })
            {
                start.ArgumentList.Add(argument);
            }

            Process.Start(start)?.Dispose();
        }

        private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

        public void Stop()
        {
            try
            {
                if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
                {
                    RunTool("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
                }
            }
            finally
            {
                DeleteFolder();
            }
        }

        // Server processes can still be closing files for a moment after pg_ctl returns.
        private void DeleteFolder()
        {
            for (var attempt = 1; Directory.Exists(_folder); attempt++)
            {
                try
                {
                    Directory.Delete(_folder, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException && attempt < 20)
                {
                    Thread.Sleep(100);
                }
            }
        }

        private void RunTool(string tool, string[] arguments)
        {
            var path = Path.Combine(_binFolder, tool);
            if (_asPostgresUser)
            {
                Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
            }
            else
            {
                Run(path, arguments);
            }
        }

        private static string FindBinFolder()
        {
            const string Preferred = "/usr/lib/postgresql/15/bin";
            if (File.Exists(Path.Combine(Preferred, "initdb")))
            {
                return Preferred;
            }

            var installed = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(version => Path.Combine(version, "bin"))
                    .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                    .OrderByDescending(bin => bin, StringComparer.Ordinal)
                    .FirstOrDefault()
                : null;
            return installed ?? throw new InvalidOperationException(
                $"No PostgreSQL server binaries under /usr/lib/postgresql and {ConnectionVariable} is not set: " +
                "install the postgresql package or point the variable at a running server.");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static void Run(string fileName, string[] arguments)
        {
            var start = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{error.Result}");
            }
        }
    }
}
