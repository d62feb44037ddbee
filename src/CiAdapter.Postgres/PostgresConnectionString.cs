using CiAdapter.Postgres.Schema;
using Npgsql;

namespace CiAdapter.Postgres;

/// <summary>
/// Reads and normalises the Npgsql connection string the service is given, and names its
/// target for messages without ever repeating the password.
/// </summary>
internal sealed class PostgresConnectionString
{
    private const string DefaultApplicationName = "ci-adapter";

    private PostgresConnectionString(NpgsqlConnectionStringBuilder builder)
    {
        Builder = builder;
        Host = string.IsNullOrWhiteSpace(builder.Host) ? "localhost" : builder.Host;
        Port = builder.Port;
        Database = string.IsNullOrWhiteSpace(builder.Database) ? builder.Username ?? "(default)" : builder.Database;
        Username = string.IsNullOrWhiteSpace(builder.Username) ? "(default)" : builder.Username;
    }

    public NpgsqlConnectionStringBuilder Builder { get; }

    public string Host { get; }

    public int Port { get; }

    public string Database { get; }

    public string Username { get; }

    /// <summary>"host:port, database 'x', user 'y'": enough to find the server, no secret.</summary>
    public string Target => $"{Host}:{Port}, database '{Database}', user '{Username}'";

    /// <summary>
    /// The connection string the providers use. The session time zone is pinned to UTC so that a
    /// timestamp Npgsql sends without a zone is never read in the server's local zone, and the
    /// connections carry an application name a DBA can find in pg_stat_activity.
    /// </summary>
    public string Normalized
    {
        get
        {
            var copy = new NpgsqlConnectionStringBuilder(Builder.ConnectionString) { Timezone = "UTC" };
            if (string.IsNullOrWhiteSpace(copy.ApplicationName))
            {
                copy.ApplicationName = DefaultApplicationName;
            }

            return copy.ConnectionString;
        }
    }

    /// <exception cref="PostgresSchemaException">The text is empty or not an Npgsql connection string.</exception>
    public static PostgresConnectionString Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new PostgresSchemaException(
                "The PostgreSQL connection string is empty. Set POSTGRES_CONNECTION_STRING to an Npgsql connection string, " +
                "e.g. Host=db.example;Port=5432;Database=ciadapter;Username=ciadapter;Password=...",
                isTransient: false);
        }

        try
        {
            return new PostgresConnectionString(new NpgsqlConnectionStringBuilder(connectionString));
        }
        catch (ArgumentException exception)
        {
            // Npgsql names the offending keyword, never a value, so its message is safe to repeat.
            throw new PostgresSchemaException(
                $"The PostgreSQL connection string is not a valid Npgsql connection string: {exception.Message}",
                isTransient: false);
        }
    }
}
