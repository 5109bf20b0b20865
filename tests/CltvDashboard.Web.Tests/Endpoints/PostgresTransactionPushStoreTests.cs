using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Endpoints;

public sealed class PostgresTransactionPushStoreTests() : TransactionPushStoreTests(DatabaseProvider.Postgres);
