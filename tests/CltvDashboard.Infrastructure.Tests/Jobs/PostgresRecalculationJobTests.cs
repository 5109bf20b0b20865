using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Jobs;

public sealed class PostgresRecalculationJobTests(PostgresStoreDatabase store) : RecalculationJobTests<PostgresStoreDatabase>(store);
