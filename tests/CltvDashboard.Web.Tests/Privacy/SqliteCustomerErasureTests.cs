using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Privacy;

public sealed class SqliteCustomerErasureTests(SqliteContactsApp fixture) : CustomerErasureTests<SqliteContactsApp>(fixture), IClassFixture<SqliteContactsApp>;
