using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresApiTests(PostgresDemoApp demo) : ApiTests(demo), IClassFixture<PostgresDemoApp>;
