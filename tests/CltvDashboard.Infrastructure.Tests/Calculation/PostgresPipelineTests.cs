using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

public sealed class PostgresPipelineTests(PostgresStoreDatabase store) : PipelineTests<PostgresStoreDatabase>(store);
