namespace CiAdapter.Postgres.Schema;

/// <summary>The schema this build expects, as shipped in <c>Schema/ci-adapter-schema.sql</c>.</summary>
internal static class PostgresSchema
{
    /// <summary>The version the script records in <c>ci_adapter_schema_version</c>.</summary>
    public const int Version = 1;

    public const string VersionTable = "ci_adapter_schema_version";

    public const string FileName = "ci-adapter-schema.sql";

    private const string ResourceName = "CiAdapter.Postgres.Schema." + FileName;

    private static readonly Lazy<string> LazyScript = new(Load);

    /// <summary>The whole script: one transaction, safe to run any number of times.</summary>
    public static string Script => LazyScript.Value;

    private static string Load()
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{ResourceName}' is missing from {typeof(PostgresSchema).Assembly.GetName().Name}; the build is broken.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
