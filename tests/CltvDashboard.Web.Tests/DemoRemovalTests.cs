using System.Net;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>"Remove the demo data" over HTTP: for Analysts, confirmed by a post, leaving an empty store.</summary>
public sealed class DemoRemovalTests(DemoApp demo) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task An_analyst_confirms_and_the_demo_is_removed_leaving_an_empty_store_while_an_owner_is_refused()
    {
        using var owner = await demo.SignedInClientAsync(CltvRoles.Owner);
        (await owner.GetAsync("/Imports/RemoveDemo")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var analyst = await demo.SignedInClientAsync(CltvRoles.Analyst);
        var home = await analyst.GetStringAsync("/");
        home.Should().Contain("CDNOW demo data").And.Contain("/Imports/RemoveDemo");
        var confirm = await analyst.GetStringAsync("/Imports/RemoveDemo");
        confirm.Should().Contain("23,570 customers").And.Contain("This cannot be undone");
        await using (var context = demo.App.CreateContext())
        {
            (await context.Transactions.AnyAsync()).Should().BeTrue("nothing is removed before the confirmation");
        }

        var removed = await CltvWebFactory.PostFormAsync(analyst, "/Imports/RemoveDemo", []);

        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        removed.Headers.Location!.OriginalString.Should().Be("/");
        var after = await analyst.GetStringAsync("/");
        after.Should().Contain("The demo data are removed: 23,570 customers, 69,659 transactions").And.Contain("Welcome to CLTV Dashboard");
        await using (var context = demo.App.CreateContext())
        {
            (await context.Customers.AnyAsync()).Should().BeFalse();
            (await context.Transactions.AnyAsync()).Should().BeFalse();
            (await context.CalculationRuns.AnyAsync()).Should().BeFalse();
            (await context.CustomerMetrics.AnyAsync()).Should().BeFalse();
            (await context.ImportBatches.AnyAsync()).Should().BeFalse();
            (await context.Datasets.AnyAsync()).Should().BeFalse();
        }

        (await analyst.GetStringAsync("/Imports/RemoveDemo")).Should().Contain("there is nothing to remove");
    }
}
