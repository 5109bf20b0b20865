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

    /// <summary>
    /// Wrong sign-ins for one e-mail address (from one client address, or from all of them together) before each
    /// further attempt has to wait: 1 s, then twice as long after every further failure.
    /// </summary>
    [Range(1, 1000)]
    public int SignInFreeAttempts { get; set; } = 3;

    /// <summary>Wrong sign-ins from one client address, whatever the e-mail addresses, before its attempts have to wait.</summary>
    [Range(1, 100_000)]
    public int SignInFreeAttemptsPerAddress { get; set; } = 10;

    /// <summary>The longest wait, in seconds, imposed on one client address (for one e-mail address or for all).</summary>
    [Range(1, 86_400)]
    public int SignInMaxDelaySeconds { get; set; } = 900;

    /// <summary>
    /// The longest wait, in seconds, imposed on an e-mail address from every client address together: the most a
    /// stranger's wrong guesses can hold its owner up.
    /// </summary>
    [Range(1, 3600)]
    public int SignInAccountMaxDelaySeconds { get; set; } = 30;

    /// <summary>
    /// How long, in seconds, a page read may rely on this instance's last check of its session against the store (0
    /// checks every request). State-changing requests (posts, uploads) always check the store; a role change,
    /// lock-out or sign-out made on this instance applies at once, one made on another instance within this time.
    /// </summary>
    [Range(0, 60)]
    public int SessionCheckSeconds { get; set; } = 5;

    /// <summary>Hours after which an upload that was never imported (the user left the review page) is deleted.</summary>
    [Range(1, 8760)]
    public int AbandonedUploadHours { get; set; } = 24;

    /// <summary>Batches one API token may push to <c>POST /api/v1/transactions</c> per minute.</summary>
    [Range(1, 10_000)]
    public int PushBatchesPerMinute { get; set; } = 60;

    /// <summary>The most orders one pushed batch may hold; a larger batch is refused whole (413).</summary>
    [Range(1, 100_000)]
    public int PushMaxOrders { get; set; } = 1000;

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
