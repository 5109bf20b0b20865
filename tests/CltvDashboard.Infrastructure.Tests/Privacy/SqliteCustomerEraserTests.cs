using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Privacy;

public sealed class SqliteCustomerEraserTests(SqliteStoreDatabase store) : CustomerEraserTests<SqliteStoreDatabase>(store);
