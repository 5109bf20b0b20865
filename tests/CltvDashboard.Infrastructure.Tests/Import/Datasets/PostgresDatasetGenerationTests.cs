using CltvDashboard.Infrastructure.Tests.Support;

namespace CltvDashboard.Infrastructure.Tests.Import.Datasets;

public sealed class PostgresDatasetGenerationTests(PostgresStoreDatabase store) : DatasetGenerationTests<PostgresStoreDatabase>(store);
