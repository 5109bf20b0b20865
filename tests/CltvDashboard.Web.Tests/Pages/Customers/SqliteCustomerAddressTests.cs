using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Pages.Customers;

public sealed class SqliteCustomerAddressTests(SqliteKestrelApp fixture) : CustomerAddressTests(fixture), IClassFixture<SqliteKestrelApp>;
