using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Endpoints;

public sealed class PostgresTransactionPushTests(PostgresApp fixture) : TransactionPushTests(fixture), IClassFixture<PostgresApp>;
