using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Data;

public sealed class SqliteStoreTests(SqliteStoreDatabase store) : StoreContractTests<SqliteStoreDatabase>(store);
