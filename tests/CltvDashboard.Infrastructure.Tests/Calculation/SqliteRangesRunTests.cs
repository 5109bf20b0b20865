using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Calculation;

public sealed class SqliteRangesRunTests(SqliteStoreDatabase store) : RangesRunTests<SqliteStoreDatabase>(store);
