using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Alerts;

public sealed class PostgresRunAlertsTests(PostgresStoreDatabase store) : RunAlertsTests<PostgresStoreDatabase>(store);
