namespace CltvDashboard.Web.Imports;

/// <summary>The database setting of this instance, as the importer takes it (a connection string or a SQLite path; null for the default file).</summary>
/// <param name="Database">The setting.</param>
public sealed record StoreLocation(string? Database);
