using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Import.Datasets;

public sealed class SqliteDatasetGenerationTests(SqliteStoreDatabase store) : DatasetGenerationTests<SqliteStoreDatabase>(store);
