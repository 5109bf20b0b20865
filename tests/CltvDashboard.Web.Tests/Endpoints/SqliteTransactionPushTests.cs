using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests.Endpoints;

public sealed class SqliteTransactionPushTests(SqliteApp fixture) : TransactionPushTests(fixture), IClassFixture<SqliteApp>;
