namespace CiAdapter.Postgres.Schema;

/// <summary>
/// The CI Adapter schema could not be applied or verified. The message says what is wrong and
/// what to do, names the server as host:port, database and user, and never holds a password.
/// </summary>
public sealed class PostgresSchemaException : Exception
{
    public PostgresSchemaException()
    {
    }

    public PostgresSchemaException(string message)
        : base(message)
    {
    }

    public PostgresSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PostgresSchemaException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Whether trying again later may succeed (server down or starting, network trouble).</summary>
    public bool IsTransient { get; }
}
