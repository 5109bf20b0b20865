using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Privacy;

public sealed class PostgresCustomerErasureTests(PostgresContactsApp fixture) : CustomerErasureTests<PostgresContactsApp>(fixture), IClassFixture<PostgresContactsApp>;
