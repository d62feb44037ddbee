namespace CiAdapter.Testing.Postgres;

/// <summary>A database of its own for one test or test class; disposing it drops it.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly PostgresTestServer _server;
    private int _disposed;

    internal PostgresTestDatabase(PostgresTestServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>An Npgsql connection string to this database, as the service would be given.</summary>
    public string ConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _server.DropDatabaseAsync(Name);
        }
    }
}
