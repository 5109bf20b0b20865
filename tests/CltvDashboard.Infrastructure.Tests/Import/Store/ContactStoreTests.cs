using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Data.Entities;
using CltvDashboard.Infrastructure.Import;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

/// <summary>Customers' e-mail addresses and names as imports store them, on every provider.</summary>
public abstract class ContactStoreTests<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : StoreDatabase
{
    private const string Header = "customer_id,date,amount,email,customer_name\n";
    private readonly TDatabase _store;

    protected ContactStoreTests(TDatabase store) => _store = store;

    [Fact]
    public async Task Import_stores_the_latest_non_empty_contact_normalised()
    {
        var database = await FreshStoreAsync();

        await ImportTextAsync(database, Header
            + "c1,2025-03-01,10.00, Old@Example.com ,Ann Old\n"
            + "c1,2025-01-01,10.00,older@example.com,Ann Older\n"
            + "c1,2025-02-01,10.00,,\n"
            + "c2,2025-01-05,5.00,,\n");

        (await ContactsAsync(database)).Should().BeEquivalentTo(new Dictionary<string, (string?, string?)>
        {
            ["c1"] = ("old@example.com", "Ann Old"),
            ["c2"] = (null, null),
        });
    }

    [Fact]
    public async Task A_later_import_replaces_a_contact_it_carries_and_keeps_one_it_lacks()
    {
        var database = await FreshStoreAsync();
        await ImportTextAsync(database, Header + "c1,2025-01-01,10.00,ann@example.com,Ann Lee\nc2,2025-01-01,10.00,bo@example.com,Bo\n");

        await ImportTextAsync(database, Header + "c1,2025-02-01,10.00,ANN@new.example.com,\nc2,2025-02-01,10.00,,\n");

        (await ContactsAsync(database)).Should().BeEquivalentTo(new Dictionary<string, (string?, string?)>
        {
            ["c1"] = ("ann@new.example.com", "Ann Lee"),
            ["c2"] = ("bo@example.com", "Bo"),
        });
    }

    [Fact]
    public async Task Contacts_of_more_customers_than_one_statement_holds_are_all_stored()
    {
        var database = await FreshStoreAsync();
        var rows = string.Concat(Enumerable.Range(1, 450).Select(i => $"c{i},2025-01-01,1.00,C{i}@Example.com,Name {i}\n"));

        await ImportTextAsync(database, Header + rows);

        var contacts = await ContactsAsync(database);
        contacts.Should().HaveCount(450);
        contacts["c417"].Should().Be(("c417@example.com", "Name 417"));
    }

    [Fact]
    public async Task Shopify_export_stores_email_and_billing_name()
    {
        var database = await FreshStoreAsync();
        const string File = "Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Billing Name\n"
            + "#1,Ann@Example.com,paid,EUR,10.00,2025-10-07 09:50:26 +0200,1,Ann Lee\n";

        await ImportTextAsync(database, File, Options(currency: null));

        (await ContactsAsync(database)).Should().BeEquivalentTo(new Dictionary<string, (string?, string?)>
        {
            ["Ann@Example.com"] = ("ann@example.com", "Ann Lee"),
        });
    }

    private async Task<string> FreshStoreAsync()
    {
        var database = await _store.CreateEmptyDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(database);
        return database;
    }

    private static Task<ImportResult> ImportTextAsync(string database, string text, ImportOptions? options = null) =>
        new TransactionImporter(database).ImportAsync(Utf8(text), new ImportRequest("upload.csv", options ?? Options(), ImportMode.Append, "tests"));

    private static async Task<Dictionary<string, (string? Email, string? Name)>> ContactsAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        return await context.Customers.ToDictionaryAsync(c => c.ExternalId, c => (c.Email, c.Name));
    }
}
