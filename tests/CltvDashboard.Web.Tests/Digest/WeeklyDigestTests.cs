using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Infrastructure.Digest;
using CltvDashboard.Infrastructure.Jobs;
using CltvDashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CltvDashboard.Web.Tests.Digest;

/// <summary>The weekly digest on the CDNOW demo, sent through a real SMTP server on loopback.</summary>
public sealed partial class WeeklyDigestTests(DigestDemoApp demo) : IClassFixture<DigestDemoApp>
{
    [Fact]
    public async Task A_digest_arrives_with_text_html_and_the_chart_and_names_the_top_customers_to_win_back()
    {
        var (userId, email) = await SubscribedOwnerAsync(DayOfWeek.Monday, 8);

        var problem = await InScopeAsync(s => s.GetRequiredService<WeeklyDigestJob>().SendNowAsync(userId, CancellationToken.None));

        problem.Should().BeNull();
        var mail = MailTo(email);
        mail.Subject.Should().StartWith("Your customers this week: ").And.EndWith("data up to 30 Jun 1998");
        mail.Headers["List-Unsubscribe"].Should().StartWith($"<{DigestDemoApp.AppUrl}/Digest/Unsubscribe?token=");
        mail.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");

        var alternative = mail.Body.Should().BeOfType<MultipartAlternative>().Subject;
        var text = alternative.OfType<TextPart>().Should().ContainSingle(p => p.IsPlain).Subject.Text;
        var related = alternative.OfType<MultipartRelated>().Should().ContainSingle().Subject;
        var html = related.OfType<TextPart>().Should().ContainSingle(p => p.IsHtml).Subject.Text;
        var chart = related.OfType<MimePart>().Should().ContainSingle(p => p.ContentType.MimeType == "image/png").Subject;
        html.Should().Contain($"src=\"cid:{chart.ContentId}\"", "the HTML shows the attached chart");
        using (var png = new MemoryStream())
        {
            await chart.Content!.DecodeToAsync(png);
            png.ToArray().Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
            png.Length.Should().BeGreaterThan(5_000);
        }

        html.Should().Contain("alt=\"Predicted value by segment: Champions $", "the chart says its figures to readers without images");
        text.Should().Contain("PREDICTED VALUE BY SEGMENT").And.Contain("CUSTOMERS TO WIN BACK").And.Contain("ALERTS THIS WEEK")
            .And.Contain($"Open the dashboards: {DigestDemoApp.AppUrl}/Overview");

        // The ten are the customer list's high-value-at-risk preset as the API gives it, most valuable first, less those
        // whose churn risk is low (whose chance merely slipped).
        using var owner = await demo.SignedInClientAsync(CltvRoles.Owner);
        var page = await owner.GetFromJsonAsync<JsonElement>("/api/v1/customers?preset=HighValueAtRisk&sort=PredictedClv&desc=true&pageSize=500");
        var listed = page.GetProperty("items").EnumerateArray().ToList();
        var expected = listed.Where(c => c.GetProperty("churnRiskBand").GetString() != "Low").Take(10).Select(c => c.GetProperty("externalId").GetString()!).ToList();
        expected.Should().HaveCount(10);
        var named = WinBackLine().Matches(text[text.IndexOf("CUSTOMERS TO WIN BACK", StringComparison.Ordinal)..]).Select(m => m.Groups["id"].Value).Take(10).ToList();
        named.Should().Equal(expected);
        foreach (var id in expected)
        {
            html.Should().Contain($"href=\"{DigestDemoApp.AppUrl}/Customer?id={Uri.EscapeDataString(id)}\"");
        }
    }

    [Fact]
    public async Task The_unsubscribe_link_works_without_signing_in_and_stops_only_that_users_digest()
    {
        var (userId, email) = await SubscribedOwnerAsync(DayOfWeek.Friday, 17);
        var (otherId, _) = await SubscribedOwnerAsync(DayOfWeek.Friday, 17);
        (await InScopeAsync(s => s.GetRequiredService<WeeklyDigestJob>().SendNowAsync(userId, CancellationToken.None))).Should().BeNull();
        var link = new Uri(UnsubscribeLink().Match(MailTo(email).TextBody!).Groups["url"].Value);
        using var stranger = demo.AnonymousClient();

        var ask = WebUtility.HtmlDecode(await stranger.GetStringAsync(link.PathAndQuery));
        ask.Should().Contain("Stop the weekly digest sent to").And.Contain(email[..1] + "•").And.NotContain(email, "the link shows whose digest it stops, not the whole address");
        var oneClick = await stranger.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        oneClick.StatusCode.Should().Be(HttpStatusCode.OK);
        (await oneClick.Content.ReadAsStringAsync()).Should().Contain("will receive no more weekly digests");
        (await InScopeAsync(s => s.GetRequiredService<DigestSubscriptions>().FindAsync(userId))).Should().BeNull();
        (await InScopeAsync(s => s.GetRequiredService<DigestSubscriptions>().FindAsync(otherId))).Should().NotBeNull("another user's digest goes on");
        (await stranger.GetStringAsync(link.PathAndQuery)).Should().Contain("This link stops no digest");
        (await stranger.GetStringAsync("/Digest/Unsubscribe?token=made-up")).Should().Contain("This link stops no digest");
    }

    [Fact]
    public async Task A_due_digest_goes_out_once_for_its_slot()
    {
        var zoneId = await InScopeAsync(s => s.GetRequiredService<CltvDbContext>().BusinessSettings.Select(b => b.TimeZoneId).SingleAsync());
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        var (userId, email) = await SubscribedOwnerAsync(local.DayOfWeek, local.Hour);
        await InScopeAsync(async s =>
        {
            // Subscribed a week ago, so this hour's slot is owed.
            var context = s.GetRequiredService<CltvDbContext>();
            return await context.DigestSubscriptions.Where(d => d.UserId == userId).ExecuteUpdateAsync(set => set.SetProperty(d => d.SubscribedAtUtc, DateTime.UtcNow.AddDays(-8)));
        });

        var first = await InScopeAsync(s => s.GetRequiredService<WeeklyDigestJob>().SendDueAsync(CancellationToken.None));
        var second = await InScopeAsync(s => s.GetRequiredService<WeeklyDigestJob>().SendDueAsync(CancellationToken.None));

        first.Should().BeGreaterThanOrEqualTo(1);
        second.Should().Be(0);
        demo.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == email)).Should().Be(1);
        var subscription = (await InScopeAsync(s => s.GetRequiredService<DigestSubscriptions>().FindAsync(userId)))!;
        subscription.LastSentAtUtc.Should().NotBeNull();
        subscription.LastError.Should().BeNull();
    }

    [Fact]
    public async Task An_owner_opts_in_on_the_page_and_previews_the_digest_in_the_browser()
    {
        using var owner = await demo.SignedInClientAsync(CltvRoles.Owner);

        var saved = await CltvWebFactory.PostFormAsync(owner, "/Account/Digest", new() { ["Day"] = "Tuesday", ["Hour"] = "7" }, "/Account/Digest?handler=Save");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await owner.GetStringAsync("/Account/Digest")).Should().Contain("You receive the digest every <strong>Tuesday at 07:00</strong>");
        var preview = await owner.GetAsync("/Account/Digest?handler=Preview");

        preview.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        preview.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'", "the preview runs no script and loads nothing from elsewhere");
        (await preview.Content.ReadAsStringAsync()).Should().Contain("Your customers this week").And.Contain("src=\"data:image/png;base64,");
        var refused = await CltvWebFactory.PostFormAsync(owner, "/Account/Digest", new() { ["Day"] = "Tuesday", ["Hour"] = "24" }, "/Account/Digest?handler=Save");
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Choose a day and an hour from 0 to 23.");
        using var stranger = demo.AnonymousClient();
        (await stranger.GetAsync("/Account/Digest")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the digest settings are for signed-in users");
    }

    [GeneratedRegex(@"^- (?<id>[^:\r\n]+): predicted CLV", RegexOptions.Multiline)]
    private static partial Regex WinBackLine();

    [GeneratedRegex(@"Unsubscribe: (?<url>\S+)")]
    private static partial Regex UnsubscribeLink();

    private MimeMessage MailTo(string email) =>
        demo.Smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == email)).Should().ContainSingle().Subject;

    private async Task<(string UserId, string Email)> SubscribedOwnerAsync(DayOfWeek day, int hour)
    {
        var email = await demo.App.CreateUserAsync(CltvRoles.Owner);
        var userId = await InScopeAsync(async s => (await s.GetRequiredService<UserManager<CltvUser>>().FindByEmailAsync(email))!.Id);
        await InScopeAsync(s => s.GetRequiredService<DigestSubscriptions>().SubscribeAsync(userId, day, hour));
        return (userId, email);
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
