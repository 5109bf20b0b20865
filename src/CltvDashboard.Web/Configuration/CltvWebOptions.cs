using System.ComponentModel.DataAnnotations;
using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Configuration;

/// <summary>Which parts of the application an instance runs.</summary>
public enum InstanceRole
{
    /// <summary>Pages and background jobs: the single-machine default.</summary>
    All,

    /// <summary>Pages only; the jobs run on worker instances sharing the database.</summary>
    Web,

    /// <summary>Background jobs only (pages still answer, for health checks).</summary>
    Worker,
}

/// <summary>The web application's settings (section <c>Cltv</c>); each also has an environment variable, see README.md.</summary>
public sealed class CltvWebOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cltv";

    /// <summary>Which parts this instance runs (<c>CLTV_ROLE</c>).</summary>
    public InstanceRole Role { get; set; } = InstanceRole.All;

    /// <summary>
    /// Folder for uploads and, without a database setting, the SQLite file (<c>CLTV_DATA_DIR</c>); blank for the
    /// folder of <see cref="CltvDatabase.DefaultSqlitePath"/>.
    /// </summary>
    public string? DataFolder { get; set; }

    /// <summary>Largest upload accepted, in megabytes (<c>CLTV_MAX_UPLOAD_MB</c>).</summary>
    [Range(1, 10_240)]
    public int MaxUploadMegabytes { get; set; } = 200;

    /// <summary>Sign-in and setup attempts allowed per client address per minute.</summary>
    [Range(1, 1000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Uploads allowed per user per minute.</summary>
    [Range(1, 1000)]
    public int UploadsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked, in minutes.</summary>
    [Range(1, 10_080)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// How often a signed-in session is checked against the user's stored security stamp, in seconds: a role change or
    /// lock-out applies to the user's open sessions within this time (0 checks every request).
    /// </summary>
    [Range(0, 3600)]
    public int SessionCheckSeconds { get; set; } = 60;

    /// <summary>Hours after which an upload that was never imported (the user left the review page) is deleted.</summary>
    [Range(1, 8760)]
    public int AbandonedUploadHours { get; set; } = 24;

    /// <summary>Whether this instance runs the background jobs.</summary>
    public bool RunsJobs => Role is InstanceRole.All or InstanceRole.Worker;

    /// <summary>Whether this instance is where people sign in (so where the first Admin is set up).</summary>
    public bool ServesUsers => Role is InstanceRole.All or InstanceRole.Web;

    /// <summary>The largest upload in bytes.</summary>
    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    /// <summary>The folder that holds the data of this instance, created on first use.</summary>
    public string ResolvedDataFolder =>
        string.IsNullOrWhiteSpace(DataFolder) ? Path.GetDirectoryName(CltvDatabase.DefaultSqlitePath)! : Path.GetFullPath(DataFolder);
}
