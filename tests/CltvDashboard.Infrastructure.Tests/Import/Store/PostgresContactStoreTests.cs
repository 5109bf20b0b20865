using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

public sealed class PostgresContactStoreTests(PostgresStoreDatabase store) : ContactStoreTests<PostgresStoreDatabase>(store);
