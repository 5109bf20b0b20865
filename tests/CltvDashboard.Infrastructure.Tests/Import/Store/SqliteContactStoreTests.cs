using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

public sealed class SqliteContactStoreTests(SqliteStoreDatabase store) : ContactStoreTests<SqliteStoreDatabase>(store);
