using CltvDashboard.Infrastructure.Import;
using static CltvDashboard.Infrastructure.Tests.Import.ImportFiles;

namespace CltvDashboard.Infrastructure.Tests.Import;

public class ContactReadTests
{
    [Fact]
    public void Shopify_rows_carry_the_email_and_billing_name_of_their_order()
    {
        const string File = "Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Billing Name\n"
            + "#1,Ann@Example.com,paid,EUR,10.00,2025-10-07 09:50:26 +0200,1,Ann Lee\n"
            + "#1,Ann@Example.com,,,,,1,\n"
            + "#2,bob@example.com,paid,EUR,5.00,2025-10-08 09:50:26 +0200,1,\n";

        var (rows, summary) = Read(File, Options(currency: null));

        summary.Layout.Should().Be(ImportLayout.Shopify);
        rows.Select(r => (r.CustomerKey, r.Email, r.Name)).Should().Equal(
            ("Ann@Example.com", "Ann@Example.com", "Ann Lee"), ("bob@example.com", "bob@example.com", null));
    }

    [Fact]
    public void WooCommerce_rows_join_billing_first_and_last_name()
    {
        const string File = "Order ID,Order Status,Order Date,Billing Email,Billing First Name,Billing Last Name,Order Currency,Order Total\n"
            + "501,wc-completed,2025-09-01 10:00:00,ann@example.com,Ann,Lee,GBP,45.00\n"
            + "502,wc-completed,2025-09-02 10:00:00,bob@example.com,,Moss,GBP,30.00\n";

        var (rows, summary) = Read(File, Options(currency: "GBP"));

        summary.Layout.Should().Be(ImportLayout.WooCommerce);
        rows.Select(r => (r.Email, r.Name)).Should().Equal(("ann@example.com", "Ann Lee"), ("bob@example.com", "Moss"));
    }

    [Fact]
    public void Stripe_rows_carry_the_customer_email_beside_the_customer_id()
    {
        const string File = "id,Created (UTC),Amount,Amount Refunded,Currency,Captured,Status,Customer ID,Customer Email\n"
            + "ch_1,2025-08-01 12:00,49.00,0.00,usd,true,Paid,cus_A,a@example.com\n"
            + "ch_2,2025-08-02 12:00,20.00,0.00,usd,true,Paid,cus_B,\n";

        var (rows, _) = Read(File, Options(currency: null));

        rows.Select(r => (r.CustomerKey, r.Email, r.Name)).Should().Equal(("cus_A", "a@example.com", null), ("cus_B", null, null));
    }

    [Fact]
    public void Mapped_email_and_name_columns_are_read_and_kept_in_the_mapping()
    {
        const string File = "who,when,total,mail,full name\nc1,2025-01-02,10.00,c1@example.com,Cy Young\n";
        var mapping = new ColumnMapping("who", "when", "total") { Email = "mail", Name = "full name" };

        var (rows, _) = Read(File, Options() with { Mapping = mapping });

        rows.Single().Should().Match<ImportRow>(r => r.Email == "c1@example.com" && r.Name == "Cy Young");
    }

    [Fact]
    public void A_detected_layout_names_its_contact_columns_for_the_review()
    {
        var preview = TransactionFileReader.Preview(Utf8("customer_id,date,amount,email,first_name,last_name\n1,2025-01-02,10.00,a@b.c,A,B\n"), Options());

        var mapping = preview.SuggestedMapping;

        mapping.Should().NotBeNull();
        mapping!.Email.Should().Be("email");
        mapping.Name.Should().BeNull("two name columns cannot be one mapped column");
    }

    [Fact]
    public void Contacts_leave_the_content_hash_unchanged()
    {
        const string Without = "customer_id,date,amount,order_id\n1,2025-01-02,10.00,A1\n";
        const string With = "customer_id,date,amount,order_id,email\n1,2025-01-02,10.00,A1,one@example.com\n";

        Read(With).Rows.Single().ContentHash.Should().Be(Read(Without).Rows.Single().ContentHash);
    }
}
