using System.Net;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests.Pages.AlertDelivery;

/// <summary>The Alert delivery page: Admins manage the webhooks and their secrets, recipients and tests; the SMTP password is never shown.</summary>
public sealed partial class AlertDeliveryPageTests(AlertDeliveryApp fixture) : IClassFixture<AlertDeliveryApp>
{
    private CltvWebFactory App => fixture.App;

    [Fact]
    public async Task An_admin_adds_a_webhook_and_sees_its_secret_once()
    {
        using var admin = await App.SignedInClientAsync(CltvRoles.Admin);

        var added = await CltvWebFactory.PostFormAsync(admin, "/AlertDelivery", new() { ["NewWebhookName"] = "crm", ["NewWebhookUrl"] = "https://hooks.example.com/cltv" }, "/AlertDelivery?handler=AddWebhook");
        var html = await added.Content.ReadAsStringAsync();
        var again = await admin.GetStringAsync("/AlertDelivery");

        added.StatusCode.Should().Be(HttpStatusCode.OK);
        var secret = SecretPattern().Match(html);
        secret.Success.Should().BeTrue("the new webhook's secret is shown");
        await using var context = App.CreateContext();
        (await context.WebhookEndpoints.AsNoTracking().SingleAsync(w => w.Name == "crm")).Secret.Should().Be(secret.Value);
        again.Should().Contain("https://hooks.example.com/cltv").And.NotContain(secret.Value, "the secret is shown once");
    }

    [Fact]
    public async Task A_webhook_over_plain_http_to_another_machine_is_refused()
    {
        using var admin = await App.SignedInClientAsync(CltvRoles.Admin);

        var refused = await CltvWebFactory.PostFormAsync(admin, "/AlertDelivery", new() { ["NewWebhookName"] = "plain", ["NewWebhookUrl"] = "http://hooks.example.com/cltv" }, "/AlertDelivery?handler=AddWebhook");

        (await refused.Content.ReadAsStringAsync()).Should().Contain("The address must start with https://");
        await using var context = App.CreateContext();
        (await context.WebhookEndpoints.AnyAsync(w => w.Name == "plain")).Should().BeFalse();
    }

    [Fact]
    public async Task The_smtp_settings_are_shown_without_the_password()
    {
        using var admin = await App.SignedInClientAsync(CltvRoles.Admin);

        var page = await admin.GetStringAsync("/AlertDelivery");

        page.Should().Contain("mail.example.com:587").And.Contain("set (not shown)").And.NotContain(AlertDeliveryApp.SmtpPassword);
    }

    [Fact]
    public async Task An_admin_chooses_recipients_and_sends_tests_to_a_webhook_and_a_recipient()
    {
        using var admin = await App.SignedInClientAsync(CltvRoles.Admin);
        var email = await App.CreateUserAsync(CltvRoles.Owner);
        long webhookId;
        string userId;
        await using (var context = App.CreateContext())
        {
            var webhook = new WebhookEndpoint { Name = "tests", Url = "https://hooks.example.com/t", Secret = "whsec_x", CreatedAtUtc = DateTime.UtcNow };
            context.WebhookEndpoints.Add(webhook);
            await context.SaveChangesAsync();
            webhookId = webhook.Id;
            userId = (await context.Users.SingleAsync(u => u.Email == email)).Id;
        }

        var recipients = await CltvWebFactory.PostFormAsync(admin, "/AlertDelivery", new() { ["RecipientIds"] = userId }, "/AlertDelivery?handler=Recipients");
        var webhookTest = await CltvWebFactory.PostFormAsync(admin, "/AlertDelivery", new() { ["webhookId"] = webhookId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/AlertDelivery?handler=TestWebhook");
        var mailTest = await CltvWebFactory.PostFormAsync(admin, "/AlertDelivery", new() { ["userId"] = userId }, "/AlertDelivery?handler=TestEmail");

        recipients.StatusCode.Should().Be(HttpStatusCode.Redirect);
        webhookTest.StatusCode.Should().Be(HttpStatusCode.Redirect);
        mailTest.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using var check = App.CreateContext();
        (await check.AlertRecipients.Select(r => r.UserId).ToListAsync()).Should().Equal(userId);
        var tests = await check.AlertDeliveries.AsNoTracking().Where(d => d.AlertFiringId == null).ToListAsync();
        tests.Should().Contain(d => d.Channel == AlertChannel.Webhook && d.WebhookEndpointId == webhookId)
            .And.Contain(d => d.Channel == AlertChannel.Email && d.RecipientUserId == userId);
        (await admin.GetStringAsync("/AlertDelivery")).Should().Contain("Webhook: tests").And.Contain("E-mail: " + email);
    }

    [Fact]
    public async Task An_analyst_may_not_add_a_webhook_or_open_the_page()
    {
        using var analyst = await App.SignedInClientAsync(CltvRoles.Analyst);

        var page = await analyst.GetAsync("/AlertDelivery");
        var token = await CltvWebFactory.AntiforgeryTokenAsync(analyst, "/Alerts");
        var post = await analyst.PostAsync("/AlertDelivery?handler=AddWebhook", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["NewWebhookName"] = "sneaky",
            ["NewWebhookUrl"] = "https://hooks.example.com/s",
        }));

        page.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var context = App.CreateContext();
        (await context.WebhookEndpoints.AnyAsync(w => w.Name == "sneaky")).Should().BeFalse();
    }

    [GeneratedRegex("whsec_[A-Za-z0-9_-]{43}")]
    private static partial Regex SecretPattern();
}
