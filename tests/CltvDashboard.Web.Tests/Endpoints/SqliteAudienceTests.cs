using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Endpoints;

public sealed class SqliteAudienceTests(SqliteContactsApp fixture) : AudienceTests<SqliteContactsApp>(fixture), IClassFixture<SqliteContactsApp>;
