using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

public sealed class PostgresImportStoreTests(PostgresStoreDatabase store) : ImportStoreTests<PostgresStoreDatabase>(store);
