using Xunit;

namespace CiAdapter.Testing.Postgres;

/// <summary>
/// An xUnit class or collection fixture: a real PostgreSQL server (shared by the whole test run)
/// and a fresh database for the tests that use this fixture. Tests that need more isolation can
/// create further databases with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresTestServer? _server;
    private PostgresTestDatabase? _database;

    public PostgresTestServer Server => _server ?? throw NotStarted();

    /// <summary>The fixture's own database.</summary>
    public PostgresTestDatabase Database => _database ?? throw NotStarted();

    /// <summary>The connection string of the fixture's own database.</summary>
    public string ConnectionString => Database.ConnectionString;

    public Task<PostgresTestDatabase> CreateDatabaseAsync(string purpose = "test", CancellationToken cancellationToken = default) =>
        Server.CreateDatabaseAsync(purpose, cancellationToken);

    public async Task InitializeAsync()
    {
        _server = await SharedPostgresServer.AcquireAsync(CancellationToken.None);
        try
        {
            _database = await _server.CreateDatabaseAsync("fixture");
        }
        catch
        {
            await SharedPostgresServer.ReleaseAsync();
            _server = null;
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        try
        {
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
        finally
        {
            _database = null;
            _server = null;
            await SharedPostgresServer.ReleaseAsync();
        }
    }

    private static InvalidOperationException NotStarted() =>
        new("The PostgreSQL fixture is not initialised; use it as an xUnit class or collection fixture.");
}
