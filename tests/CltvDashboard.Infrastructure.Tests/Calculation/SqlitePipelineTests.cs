using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

public sealed class SqlitePipelineTests(SqliteStoreDatabase store) : PipelineTests<SqliteStoreDatabase>(store);
