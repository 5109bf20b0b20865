using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

public sealed class PostgresRangesRunTests(PostgresStoreDatabase store) : RangesRunTests<PostgresStoreDatabase>(store);
