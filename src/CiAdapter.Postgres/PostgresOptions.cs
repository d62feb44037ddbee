namespace CiAdapter.Postgres;

/// <summary>How a silo keeps membership, reminders and grain state in PostgreSQL.</summary>
public sealed class PostgresOptions
{
    /// <summary>The Npgsql connection string (POSTGRES_CONNECTION_STRING). Read once, when UsePostgres runs.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The grain storage names to serve from PostgreSQL, as used in [PersistentState(stateName, storageName)].
    /// Read once, when UsePostgres runs.
    /// </summary>
    public IList<string> StorageNames { get; } = [];

    /// <summary>
    /// Whether the silo applies the schema before it joins the cluster (the default). Turn it off
    /// when a DBA applies ci-adapter-schema.sql and the service's role may not create tables; the
    /// silo then only checks that the schema is there.
    /// </summary>
    public bool ApplySchemaOnStart { get; set; } = true;

    /// <summary>
    /// How long start-up keeps retrying while PostgreSQL is unreachable or starting, before the
    /// silo gives up and stops with the reason.
    /// </summary>
    public TimeSpan SchemaStartupTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
