using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

public sealed class SqliteImportStoreTests(SqliteStoreDatabase store) : ImportStoreTests<SqliteStoreDatabase>(store);
