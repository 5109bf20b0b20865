using CltvDashboard.Web.Tests.Support;

namespace CltvDashboard.Web.Tests;

/// <summary>On the SQLite default.</summary>
public sealed class SqliteApiTests(DemoApp demo) : ApiTests(demo), IClassFixture<DemoApp>;
