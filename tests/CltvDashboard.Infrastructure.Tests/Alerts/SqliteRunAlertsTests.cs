using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Alerts;

public sealed class SqliteRunAlertsTests(SqliteStoreDatabase store) : RunAlertsTests<SqliteStoreDatabase>(store);
