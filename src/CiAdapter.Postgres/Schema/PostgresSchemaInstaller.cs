using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CiAdapter.Postgres.Schema;

/// <summary>
/// Applies the CI Adapter's PostgreSQL schema (tables, indexes and the OrleansQuery rows that
/// Orleans' ADO.NET providers run). Safe to call from several processes at once and any number
/// of times: the script is idempotent and serialised by an advisory lock inside its transaction.
/// </summary>
public sealed partial class PostgresSchemaInstaller(ILogger<PostgresSchemaInstaller> logger)
{
    private const string ApplyAction = "Applying the CI Adapter schema";

    private const string VerifyAction = "Reading the CI Adapter schema version";

    // The script takes milliseconds; the margin covers waiting for another silo's installer.
    private const int CommandTimeoutSeconds = 120;

    public PostgresSchemaInstaller()
        : this(NullLogger<PostgresSchemaInstaller>.Instance)
    {
    }

    /// <summary>The schema version this build installs and expects.</summary>
    public static int SchemaVersion => PostgresSchema.Version;

    /// <summary>The script the installer runs; the same text as Schema/ci-adapter-schema.sql.</summary>
    public static string Script => PostgresSchema.Script;

    /// <summary>Creates or completes the schema in the database the connection string names.</summary>
    /// <exception cref="PostgresSchemaException">The database cannot be reached or refuses the script.</exception>
    public async Task ApplyAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = PostgresConnectionString.Parse(connectionString);
        LogApplying(logger, target.Target, SchemaVersion);
        var started = Stopwatch.GetTimestamp();

        int? installed;
        try
        {
            await using var connection = await OpenAsync(target, cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand(PostgresSchema.Script, connection) { CommandTimeout = CommandTimeoutSeconds })
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            installed = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsDatabaseFailure(exception, cancellationToken))
        {
            throw PostgresErrors.Explain(exception, target, ApplyAction);
        }

        if (installed is { } newer && newer > SchemaVersion)
        {
            LogNewerThanBuild(logger, target.Target, newer, SchemaVersion);
        }
        else
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogApplied(logger, target.Target, SchemaVersion, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// The highest schema version recorded in the database, or null when the schema was never
    /// installed there. Does not change anything.
    /// </summary>
    /// <exception cref="PostgresSchemaException">The database cannot be reached.</exception>
    public async Task<int?> GetInstalledVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = PostgresConnectionString.Parse(connectionString);
        try
        {
            await using var connection = await OpenAsync(target, cancellationToken).ConfigureAwait(false);
            var installed = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            LogInstalledVersion(logger, target.Target, installed);
            return installed;
        }
        catch (Exception exception) when (IsDatabaseFailure(exception, cancellationToken))
        {
            throw PostgresErrors.Explain(exception, target, VerifyAction);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(PostgresConnectionString target, CancellationToken cancellationToken)
    {
        // A connection of its own, outside the pool the providers share: the script runs once
        // per start, and a failed script must not hand a broken session back to a pool.
        var builder = new NpgsqlConnectionStringBuilder(target.Normalized) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<int?> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{PostgresSchema.VersionTable}') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
        {
            return null;
        }

        await using var version = new NpgsqlCommand($"SELECT max(version) FROM {PostgresSchema.VersionTable}", connection);
        return await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as int?;
    }

    private static bool IsDatabaseFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && exception is NpgsqlException or TimeoutException;

    [LoggerMessage(EventId = PostgresEventIds.SchemaApplying, Level = LogLevel.Information,
        Message = "Applying CI Adapter schema version {SchemaVersion} to PostgreSQL at {Target}")]
    private static partial void LogApplying(ILogger logger, string target, int schemaVersion);

    [LoggerMessage(EventId = PostgresEventIds.SchemaApplied, Level = LogLevel.Information,
        Message = "CI Adapter schema version {SchemaVersion} is in place on PostgreSQL at {Target} ({ElapsedMs:F0} ms)")]
    private static partial void LogApplied(ILogger logger, string target, int schemaVersion, double elapsedMs);

    [LoggerMessage(EventId = PostgresEventIds.SchemaVersionRead, Level = LogLevel.Debug,
        Message = "PostgreSQL at {Target} holds CI Adapter schema version {InstalledVersion} (empty: none)")]
    private static partial void LogInstalledVersion(ILogger logger, string target, int? installedVersion);

    [LoggerMessage(EventId = PostgresEventIds.SchemaNewerThanBuild, Level = LogLevel.Warning,
        Message = "PostgreSQL at {Target} holds CI Adapter schema version {InstalledVersion}, newer than this build's {SchemaVersion}; " +
            "its queries were left as they are. Expected during a rolling upgrade; otherwise deploy the newer build.")]
    private static partial void LogNewerThanBuild(ILogger logger, string target, int installedVersion, int schemaVersion);
}
