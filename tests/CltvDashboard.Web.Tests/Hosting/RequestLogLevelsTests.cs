using CltvDashboard.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Serilog.AspNetCore;
using Serilog.Events;

namespace CltvDashboard.Web.Tests.Hosting;

public sealed class RequestLogLevelsTests
{
    [Fact]
    public void A_request_cancelled_because_its_client_went_away_is_not_logged_as_an_error()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        var gone = Request("/Overview", aborted.Token);
        var present = Request("/Overview", CancellationToken.None);

        Level(gone, new OperationCanceledException()).Should().Be(LogEventLevel.Debug);
        Level(gone, new IOException("connection reset")).Should().Be(LogEventLevel.Debug);
        Level(present, new OperationCanceledException()).Should().Be(LogEventLevel.Error, "a cancellation the client did not ask for is a failure");
        Level(gone, new InvalidOperationException()).Should().Be(LogEventLevel.Error, "a failure stays one whether or not the client waited");
    }

    [Fact]
    public void Page_views_are_information_and_routine_requests_debug()
    {
        Level(Request("/Overview", CancellationToken.None), null).Should().Be(LogEventLevel.Information);
        Level(Request("/health/ready", CancellationToken.None), null).Should().Be(LogEventLevel.Debug);
        Level(Request("/api/v1/kpis", CancellationToken.None), null).Should().Be(LogEventLevel.Debug);
        Level(Request("/css/site.css", CancellationToken.None), null).Should().Be(LogEventLevel.Debug);
    }

    private static DefaultHttpContext Request(string path, CancellationToken aborted) =>
        new() { Request = { Path = path }, RequestAborted = aborted };

    private static LogEventLevel Level(HttpContext context, Exception? exception)
    {
        var options = new RequestLoggingOptions();
        RequestLogLevels.Configure(options);
        return options.GetLevel(context, 1, exception);
    }
}
