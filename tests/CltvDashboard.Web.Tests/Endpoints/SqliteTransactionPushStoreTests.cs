using CltvDashboard.Infrastructure.Data;

namespace CltvDashboard.Web.Tests.Endpoints;

public sealed class SqliteTransactionPushStoreTests() : TransactionPushStoreTests(DatabaseProvider.Sqlite);
