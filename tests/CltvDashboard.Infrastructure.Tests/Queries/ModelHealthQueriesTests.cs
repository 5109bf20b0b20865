using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Queries;

namespace CltvDashboard.Infrastructure.Tests.Queries;

/// <summary>The model-health page's stored figures of the CDNOW run.</summary>
public abstract class ModelHealthQueriesTests<TRun>(TRun cdnow) : IClassFixture<TRun>
    where TRun : CdnowRun
{
    [Fact]
    public async Task Model_checks_of_the_cdnow_run_give_a_weekly_tracking_curve_and_frequency_buckets_of_every_customer()
    {
        await using var context = cdnow.CreateContext();
        var queries = new ModelHealthQueries(context);

        var checks = await queries.ModelChecksAsync(cdnow.RunId);
        var health = await queries.ModelHealthAsync(cdnow.RunId);

        checks.PeriodName.Should().Be("week");
        checks.Tracking.Should().HaveCount(78, "1997-01-01 to 1998-06-30 is 78 weeks");
        checks.Tracking.Count(p => p.InHoldout).Should().Be(26, "the six-month holdout from 1997-12-31 is 26 weeks");
        checks.Tracking.Should().OnlyContain(p => p.InHoldout == (p.PeriodEnd > health!.CalibrationEnd));
        checks.Tracking[^1].CumulativeActual.Should().BeApproximately(checks.Tracking.Sum(p => p.Actual), 1e-6);
        checks.Buckets.Select(b => b.Frequency).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        checks.Buckets.Select(b => b.IsOpenEnded).Should().Equal(false, false, false, false, false, false, false, true);
        checks.Buckets.Sum(b => b.Customers).Should().Be(23_570);
        var chosen = health!.Fits.Single(f => f.IsChosen && f.Period == ModelFitPeriod.Calibration);
        checks.Buckets.Sum(b => b.Customers * b.Actual).Should().BeApproximately(chosen.HoldoutActualPurchases!.Value, 1e-6);
    }
}

/// <summary>On the SQLite default.</summary>
public sealed class SqliteModelHealthQueriesTests(SqliteCdnowRun cdnow) : ModelHealthQueriesTests<SqliteCdnowRun>(cdnow);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresModelHealthQueriesTests(PostgresCdnowRun cdnow) : ModelHealthQueriesTests<PostgresCdnowRun>(cdnow);
