using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Privacy;

public sealed class PostgresCustomerEraserTests(PostgresStoreDatabase store) : CustomerEraserTests<PostgresStoreDatabase>(store);
