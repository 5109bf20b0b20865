using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Data;

public sealed class PostgresStoreTests(PostgresStoreDatabase store) : StoreContractTests<PostgresStoreDatabase>(store);
