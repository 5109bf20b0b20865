using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CltvDashboard.Domain.Alerts;
using CltvDashboard.Infrastructure.Alerts.Delivery;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;
using CltvDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CltvDashboard.Infrastructure.Tests.Alerts;

/// <summary>Alerts delivered over real protocols on loopback: a signed webhook retried by Hangfire, and SMTP.</summary>
public sealed class AlertDeliveryTests(SqliteStoreDatabase store) : IClassFixture<SqliteStoreDatabase>
{
    private const string Secret = "whsec_test-secret-for-the-listener";

    [Fact]
    public async Task A_failed_runs_alert_reaches_a_webhook_that_answers_500_twice_on_the_third_signed_attempt_and_the_run_stays_as_it_ended()
    {
        var database = await RunStore.FreshAsync(store);
        using var listener = new WebhookListener(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            context.WebhookEndpoints.Add(new WebhookEndpoint { Name = "crm", Url = listener.Url, Secret = Secret, CreatedAtUtc = DateTime.UtcNow });
            await context.SaveChangesAsync();
        }

        await using var host = new DeliveryHost(database);
        var runId = await host.InScopeAsync(services => services.GetRequiredService<IRecalculationScheduler>().RequestAsync(CalculationTrigger.Manual));
        var deliveries = await host.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Status is AlertDeliveryStatus.Delivered or AlertDeliveryStatus.Failed);

        var delivery = deliveries.Should().ContainSingle().Subject;
        delivery.Status.Should().Be(AlertDeliveryStatus.Delivered);
        delivery.Attempts.Should().Be(3);
        delivery.AttemptLog.OrderBy(a => a.Number).Select(a => (a.Number, a.Succeeded, a.Outcome)).Should().Equal((1, false, "HTTP 500"), (2, false, "HTTP 500"), (3, true, "HTTP 200"));
        listener.Requests.Should().HaveCount(3).And.OnlyContain(r => r.SignatureValid, "every attempt is signed over its timestamp and body");
        listener.Requests.Select(r => r.Body).Distinct().Should().ContainSingle("a retry sends the same body");
        using var body = JsonDocument.Parse(listener.Requests.First().Body);
        body.RootElement.GetProperty("type").GetString().Should().Be("alert.fired");
        body.RootElement.GetProperty("deliveryId").GetInt64().Should().Be(delivery.Id);
        body.RootElement.GetProperty("alert").GetProperty("rule").GetString().Should().Be(nameof(AlertRuleKind.RunProblem));
        body.RootElement.GetProperty("alert").GetProperty("runId").GetInt64().Should().Be(runId);
        var run = await RunStore.RunAsync(database, runId);
        run.Status.Should().Be(CalculationRunStatus.Failed, "the run failed on an empty store and the delivery changed nothing of it");
        body.RootElement.GetProperty("alert").GetProperty("details")[0].GetString().Should().Be(run.Error);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_left_failed_after_the_attempts_set_and_a_test_goes_out_on_request()
    {
        var database = await RunStore.FreshAsync(store);
        using var listener = new WebhookListener(HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.NoContent);
        long webhookId;
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var webhook = new WebhookEndpoint { Name = "down", Url = listener.Url, Secret = Secret, CreatedAtUtc = DateTime.UtcNow };
            context.WebhookEndpoints.Add(webhook);
            await context.SaveChangesAsync();
            webhookId = webhook.Id;
        }

        await using var host = new DeliveryHost(database, delivery => delivery.MaxAttempts = 2);
        var testId = await host.InScopeAsync(services => services.GetRequiredService<AlertDeliveryDispatcher>().SendTestAsync(AlertChannel.Webhook, webhookId, null));
        var deliveries = await host.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Status is AlertDeliveryStatus.Delivered or AlertDeliveryStatus.Failed);

        deliveries.Single().Id.Should().Be(testId);
        deliveries.Single().Status.Should().Be(AlertDeliveryStatus.Failed);
        deliveries.Single().AttemptLog.Select(a => a.Outcome).Should().Equal("HTTP 502", "HTTP 502");
        listener.Requests.Should().HaveCount(2);
        using var body = JsonDocument.Parse(listener.Requests.First().Body);
        body.RootElement.GetProperty("type").GetString().Should().Be("alert.test");
        body.RootElement.GetProperty("alert").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task An_alert_mail_reaches_an_smtp_server_with_an_html_and_a_plain_text_part_naming_the_customers()
    {
        var database = await RunStore.FreshAsync(store);
        await using var server = LoopbackSmtp.Start();

        long deliveryId;
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var user = new CltvUser { UserName = "owner@example.com", Email = "owner@example.com", NormalizedEmail = "OWNER@EXAMPLE.COM", NormalizedUserName = "OWNER@EXAMPLE.COM" };
            var customer = new Customer { ExternalId = "C-1042", FirstSeenAtUtc = DateTime.UtcNow };
            var run = new CalculationRun { Status = CalculationRunStatus.Succeeded, Currency = "USD", ObservationEnd = new DateOnly(1998, 6, 30), RequestedAtUtc = DateTime.UtcNow };
            context.AddRange(user, customer, run);
            context.AlertRecipients.Add(new AlertRecipient { UserId = user.Id });
            await context.SaveChangesAsync();
            var firing = new AlertFiring { Rule = AlertRuleKind.HighValueAtRisk, CalculationRunId = run.Id, FiredAtUtc = DateTime.UtcNow, Summary = "1 high-value customer fell below a 30 % chance of buying again since the previous run." };
            firing.Customers.Add(new AlertFiringCustomer { CustomerId = customer.Id, PurchaseProbability = 0.21, PreviousPurchaseProbability = 0.47, PredictedClv = 812.5m });
            context.AlertFirings.Add(firing);
            await context.SaveChangesAsync();
            var delivery = new AlertDelivery { AlertFiringId = firing.Id, Channel = AlertChannel.Email, RecipientUserId = user.Id, Status = AlertDeliveryStatus.Queued, CreatedAtUtc = DateTime.UtcNow };
            context.AlertDeliveries.Add(delivery);
            await context.SaveChangesAsync();
            deliveryId = delivery.Id;
        }

        await using (var host = new DeliveryHost(
            database,
            delivery => delivery.AppUrl = "https://cltv.example.com/",
            options =>
            {
                options.Host = "127.0.0.1";
                options.Port = server.Port;
                options.Security = SmtpSecurity.None;
                options.Sender = "CLTV Dashboard <alerts@example.com>";
            }))
        {
            var retry = await host.InScopeAsync(services => services.GetRequiredService<AlertDeliveries>().AttemptAsync(deliveryId));
            retry.Should().BeNull("the mail was delivered at the first attempt");
        }

        var mail = server.Received.Should().ContainSingle().Subject;
        mail.To.Mailboxes.Single().Address.Should().Be("owner@example.com");
        mail.Subject.Should().Be("[CLTV] High value at risk: 1 high-value customer fell below a 30 % chance of buying again since the previous run.");
        var alternative = mail.Body.Should().BeOfType<MultipartAlternative>().Subject;
        var text = alternative.OfType<TextPart>().Single(p => p.IsPlain).Text;
        var html = alternative.OfType<TextPart>().Single(p => p.IsHtml).Text;
        text.Should().Contain("C-1042 | 21.0 % (was 47.0 %) | 812.50 USD").And.Contain("https://cltv.example.com/Alerts");
        html.Should().Contain("<td>C-1042</td>").And.Contain("href=\"https://cltv.example.com/Alerts\"");
        await using var check = CltvDatabase.CreateContext(database);
        var stored = await check.AlertDeliveries.AsNoTracking().Include(d => d.AttemptLog).SingleAsync(d => d.Id == deliveryId);
        stored.Status.Should().Be(AlertDeliveryStatus.Delivered);
        stored.AttemptLog.Single().Outcome.Should().StartWith("SMTP: ");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A real HTTP listener on loopback that answers the given statuses in turn and checks each request's signature.</summary>
    private sealed class WebhookListener : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Queue<HttpStatusCode> _answers;
        private readonly Task _serving;

        public WebhookListener(params HttpStatusCode[] answers)
        {
            _answers = new Queue<HttpStatusCode>(answers);
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public ConcurrentQueue<(string Body, bool SignatureValid)> Requests { get; } = new();

        public void Dispose()
        {
            _listener.Close();
            _serving.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var timestamp = long.Parse(context.Request.Headers[WebhookSignature.TimestampHeader]!, System.Globalization.CultureInfo.InvariantCulture);
                var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                    Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
                var valid = context.Request.Headers[WebhookSignature.SignatureHeader] == expected
                    && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) < 300;
                Requests.Enqueue((body, valid));
                context.Response.StatusCode = (int)(_answers.Count > 0 ? _answers.Dequeue() : HttpStatusCode.OK);
                context.Response.Close();
            }
        }
    }
}
