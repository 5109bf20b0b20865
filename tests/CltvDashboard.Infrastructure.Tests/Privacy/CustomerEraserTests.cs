using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Privacy;
using CltvDashboard.Infrastructure.Tests.Calculation;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Privacy;

/// <summary>A customer's erasure on every provider: nothing of them left in any table, the figures unchanged.</summary>
public abstract class CustomerEraserTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private const string Email = "ann.lee@example.com";
    private const string ExternalId = "1";
    private static readonly ErasingUser Admin = new("admin-id", "admin@shop.example");
    private readonly TDatabase _store;

    protected CustomerEraserTests(TDatabase store) => _store = store;

    [Fact]
    public async Task Erasure_leaves_no_contact_or_id_in_any_table_and_the_run_totals_unchanged()
    {
        var database = await WithContactAndRejectedRowAsync();
        var before = await RunStore.RecalculateAsync(database);
        var kpisBefore = await RunStore.KpisAsync(database, before.RunId);
        var customerId = await CustomerIdAsync(database, ExternalId);

        var result = await Eraser(database).EraseAsync(customerId, Admin);

        result.Should().NotBeNull();
        result!.Pseudonym.Should().MatchRegex("^erased-[a-z2-7]{20}$");
        result.ImportProblemsScrubbed.Should().Be(1);
        await using (var context = CltvDatabase.CreateContext(database))
        {
            var erased = await context.Customers.SingleAsync(c => c.Id == customerId);
            erased.Should().Match<Customer>(c => c.ExternalId == result.Pseudonym && c.Email == null && c.Name == null);
            (await context.Customers.AnyAsync(c => c.ExternalId == ExternalId)).Should().BeFalse();
            var problems = await context.ImportProblems.Select(p => p.RawRecord + " " + p.Message).ToListAsync();
            problems.Should().OnlyContain(p => !p.Contains(Email, StringComparison.OrdinalIgnoreCase) && !p.Contains("Ann", StringComparison.Ordinal))
                .And.Contain(p => p.Contains(result.Pseudonym, StringComparison.Ordinal));
            var audit = await context.CustomerErasures.SingleAsync();
            audit.Should().Match<CustomerErasure>(a => a.Pseudonym == result.Pseudonym && a.ErasedByUserId == "admin-id" && a.ErasedByEmail == "admin@shop.example");
        }

        var after = await RunStore.RecalculateAsync(database);
        var kpisAfter = await RunStore.KpisAsync(database, after.RunId);
        kpisAfter.Customers.Should().Be(kpisBefore.Customers);
        kpisAfter.HistoricalRevenue.Should().Be(kpisBefore.HistoricalRevenue);
        ((double)kpisAfter.TotalClv!.Value).Should().BeApproximately((double)kpisBefore.TotalClv!.Value, 0.01);
        (await RunStore.KpisAsync(database, before.RunId)).TotalClv.Should().Be(kpisBefore.TotalClv, "a finished run's figures are not touched");
    }

    [Fact]
    public async Task Rejected_rows_of_other_customers_keep_their_fields()
    {
        var database = await WithContactAndRejectedRowAsync();
        await using var context = CltvDatabase.CreateContext(database);
        var othersBefore = await context.ImportProblems.Where(p => p.RawRecord!.Contains("other@example.com")).Select(p => p.RawRecord + p.Message).ToListAsync();

        await Eraser(database).EraseAsync(await CustomerIdAsync(database, ExternalId), Admin);

        (await context.ImportProblems.AsNoTracking().Where(p => p.RawRecord!.Contains("other@example.com")).Select(p => p.RawRecord + p.Message).ToListAsync())
            .Should().Equal(othersBefore).And.ContainSingle();
    }

    [Fact]
    public async Task Erasing_an_erased_customer_again_does_nothing()
    {
        var database = await WithContactAndRejectedRowAsync();
        var customerId = await CustomerIdAsync(database, ExternalId);
        var eraser = Eraser(database);
        await eraser.EraseAsync(customerId, Admin);

        var again = await eraser.EraseAsync(customerId, Admin);

        again.Should().BeNull();
        (await eraser.AuditAsync()).Should().ContainSingle();
    }

    private static CustomerEraser Eraser(string database) => new(new CltvContextFactory(database));

    private async Task<string> WithContactAndRejectedRowAsync()
    {
        var database = await RunStore.WithCdnowSampleAsync(_store);
        const string File = "customer_id,date,amount,email,customer_name\n"
            + $"{ExternalId},1997-03-05,10.00, Ann.Lee@Example.com ,Ann Lee\n"
            + $"{ExternalId},not a date,5.00,{Email},Ann Lee\n"
            + "2,not a date either,5.00,other@example.com,Otto Lee\n";
        await new TransactionImporter(database).ImportAsync(Utf8(File), new ImportRequest("contacts.csv", Options(), ImportMode.Append, "tests"));
        return database;
    }

    private static async Task<long> CustomerIdAsync(string database, string externalId)
    {
        await using var context = CltvDatabase.CreateContext(database);
        var customer = await context.Customers.SingleAsync(c => c.ExternalId == externalId);
        customer.Email.Should().Be(Email, "the import stored the address before the erasure");
        return customer.Id;
    }
}
