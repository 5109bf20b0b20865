using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Pages.Customers;

public sealed class PostgresCustomerAddressTests(PostgresKestrelApp fixture) : CustomerAddressTests(fixture), IClassFixture<PostgresKestrelApp>;
