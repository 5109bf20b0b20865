using CltvDashboard.Infrastructure.Calculation;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Data.Identity;
using CltvDashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Web.Tests;

/// <summary>Model health says in words when what happened in the holdout lies outside the model's 95 % range.</summary>
public sealed class HoldoutRangeTests(DemoApp demo) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Cdnow_checked_on_an_8_month_holdout_is_under_predicted_by_more_than_chance_explains()
    {
        await using (var context = demo.App.CreateContext())
        {
            var settings = await context.BusinessSettings.SingleAsync();
            // The longest holdout the history allows (9 months would leave a calibration period a day shorter than it).
            settings.HoldoutMonths = 8;
            settings.Version++;
            await context.SaveChangesAsync();
            var summary = await new RecalculationPipeline(context).RecalculateAsync(CalculationTrigger.Manual, new DateOnly(1998, 6, 30));
            summary.Status.Should().Be(CalculationRunStatus.Succeeded);
            summary.CalibrationEnd.Should().Be(new DateOnly(1997, 10, 30));
        }

        using var client = await demo.SignedInClientAsync(CltvRoles.Analyst);
        var page = await client.GetStringAsync("/ModelHealth");

        page.Should().Contain("That is above the range: the model under-predicted by more than chance explains",
            "on CDNOW's long holdouts the models expect well over 10 % fewer purchases than happened");
    }
}
