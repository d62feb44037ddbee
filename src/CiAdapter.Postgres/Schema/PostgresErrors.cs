using System.Net.Sockets;
using Npgsql;

namespace CiAdapter.Postgres.Schema;

/// <summary>
/// Turns what Npgsql throws into one sentence an operator can act on: what failed, against which
/// server, and what to change. Npgsql's own messages carry no password, and neither do these.
/// </summary>
internal static class PostgresErrors
{
    private const string Setting = "POSTGRES_CONNECTION_STRING";

    public static PostgresSchemaException Explain(Exception exception, PostgresConnectionString target, string action)
    {
        var where = target.Target;
        return exception switch
        {
            PostgresException pg => ExplainServerError(pg, target, action),
            NpgsqlException npgsql when FindSocketError(npgsql) is { } socket => ExplainSocketError(socket, npgsql, target, action),
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => new PostgresSchemaException(
                $"{action} failed: timed out connecting to PostgreSQL at {where}. Check that the server is up and that " +
                $"no firewall drops traffic to {target.Host}:{target.Port}, or raise Timeout in {Setting}.",
                isTransient: true,
                exception),
            NpgsqlException npgsql => new PostgresSchemaException(
                $"{action} failed against PostgreSQL at {where}: {npgsql.Message}",
                npgsql.IsTransient,
                exception),
            _ => new PostgresSchemaException($"{action} failed against PostgreSQL at {where}: {exception.Message}", isTransient: false, exception),
        };
    }

    private static PostgresSchemaException ExplainServerError(PostgresException pg, PostgresConnectionString target, string action)
    {
        var where = target.Target;
        var (message, transient) = pg.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => (
                $"{action} failed: PostgreSQL at {target.Host}:{target.Port} rejected the credentials of user '{target.Username}' " +
                $"(SQLSTATE {pg.SqlState}). Check Username and Password in {Setting}, and the server's pg_hba.conf.",
                false),
            PostgresErrorCodes.InvalidCatalogName => (
                $"{action} failed: database '{target.Database}' does not exist on PostgreSQL at {target.Host}:{target.Port}. " +
                $"Create it (CREATE DATABASE \"{target.Database}\" OWNER \"{target.Username}\") or correct Database in {Setting}.",
                false),
            PostgresErrorCodes.InsufficientPrivilege => (
                $"{action} failed: user '{target.Username}' may not create the CI Adapter's tables in database '{target.Database}' " +
                $"on {target.Host}:{target.Port} (SQLSTATE 42501: {pg.MessageText}). Either grant it CREATE on the schema, or let " +
                $"the schema owner run {PostgresSchema.FileName} with psql and start the service with schema installation turned off.",
                false),
            PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown
                or PostgresErrorCodes.CrashShutdown => (
                $"{action} failed: PostgreSQL at {where} is not accepting connections right now " +
                $"(SQLSTATE {pg.SqlState}: {pg.MessageText}). It is starting, stopping or full; try again shortly.",
                true),
            _ => (
                $"{action} failed on PostgreSQL at {where} (SQLSTATE {pg.SqlState}: {pg.MessageText}).",
                pg.IsTransient),
        };

        return new PostgresSchemaException(message, transient, pg);
    }

    private static PostgresSchemaException ExplainSocketError(SocketException socket, NpgsqlException exception, PostgresConnectionString target, string action)
    {
        var endpoint = $"{target.Host}:{target.Port}";
        var message = socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused =>
                $"{action} failed: connection refused by {endpoint}; no PostgreSQL server is listening there. Start PostgreSQL " +
                $"(or check that it listens on TCP, listen_addresses and port), or correct Host and Port in {Setting}.",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain =>
                $"{action} failed: the PostgreSQL host '{target.Host}' cannot be resolved. Correct Host in {Setting} " +
                "or check the DNS of this machine.",
            SocketError.TimedOut =>
                $"{action} failed: timed out connecting to PostgreSQL at {endpoint}. Check that the server is up and that " +
                $"no firewall drops traffic to it, or raise Timeout in {Setting}.",
            _ =>
                $"{action} failed: cannot reach PostgreSQL at {endpoint} ({socket.SocketErrorCode}). Check the network " +
                $"between this machine and the server, and Host and Port in {Setting}.",
        };

        // An unresolvable host is a configuration mistake more often than a passing DNS glitch,
        // but both are worth a retry while the deployment settles.
        return new PostgresSchemaException(message, isTransient: true, exception);
    }

    private static SocketException? FindSocketError(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }
}
