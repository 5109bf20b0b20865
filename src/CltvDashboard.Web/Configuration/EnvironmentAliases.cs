namespace CltvDashboard.Web.Configuration;

/// <summary>
/// The short environment variables operators set (<c>CLTV_DATABASE</c>, <c>CLTV_ROLE</c>, …) as names of the
/// configuration keys the application reads, so that docker-compose files and shells need not spell
/// <c>ConnectionStrings__Cltv</c>. An alias wins over the key's other sources.
/// </summary>
public static class EnvironmentAliases
{
    /// <summary>Each alias and the configuration key it sets.</summary>
    public static IReadOnlyDictionary<string, string> Map { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CLTV_DATABASE"] = "ConnectionStrings:Cltv",
        ["CLTV_ROLE"] = "Cltv:Role",
        ["CLTV_DATA_DIR"] = "Cltv:DataFolder",
        ["CLTV_MAX_UPLOAD_MB"] = "Cltv:MaxUploadMegabytes",
        ["CLTV_ADMIN_EMAIL"] = "Cltv:AdminEmail",
        ["CLTV_ADMIN_PASSWORD"] = "Cltv:AdminPassword",
    };

    /// <summary>Adds the aliases that are set in the environment as a configuration source.</summary>
    /// <param name="configuration">The application's configuration.</param>
    public static void AddEnvironmentAliases(this IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (alias, key) in Map)
        {
            var value = Environment.GetEnvironmentVariable(alias);
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        configuration.AddInMemoryCollection(values);
    }
}
