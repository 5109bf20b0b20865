using CltvDashboard.Infrastructure.Data;
using CltvDashboard.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CltvDashboard.Infrastructure.Tests.Import.Store;

public sealed class PostgresDiskFullImportTests(PostgresStoreDatabase store) : DiskFullImportTests<PostgresStoreDatabase>(store)
{
    // The server's own error for a full disk (53100, disk_full), raised where an import writes its last row: the batch's
    // success, in the import's transaction. The trigger fires whatever session_replication_role the import sets.
    protected override async Task FillTheDiskAsync(string database)
    {
        await using var context = CltvDatabase.CreateContext(database);
        await context.Database.ExecuteSqlRawAsync(
            """
            CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'could not extend file "base/16384/16385": No space left on device' USING ERRCODE = 'disk_full';
            END $$;
            CREATE TRIGGER disk_full BEFORE UPDATE ON import_batches FOR EACH ROW WHEN (NEW.status = 'Succeeded') EXECUTE FUNCTION disk_full();
            ALTER TABLE import_batches ENABLE ALWAYS TRIGGER disk_full;
            """);
    }
}
