using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Jobs;

public sealed class SqliteRecalculationJobTests(SqliteStoreDatabase store) : RecalculationJobTests<SqliteStoreDatabase>(store);
