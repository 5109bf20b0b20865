using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Endpoints;

public sealed class PostgresAudienceTests(PostgresContactsApp fixture) : AudienceTests<PostgresContactsApp>(fixture), IClassFixture<PostgresContactsApp>;
