namespace CiAdapter.Testing.Postgres;

/// <summary>
/// One server per test process, started by the first fixture that needs it and stopped when the
/// last one lets go, so test classes running in parallel share it but nothing outlives them.
/// </summary>
internal static class SharedPostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresTestServer? _server;
    private static int _leases;

    public static async Task<PostgresTestServer> AcquireAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            _server ??= await PostgresTestServer.StartAsync(cancellationToken);
            _leases++;
            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_leases == 0 && _server is not null)
            {
                await _server.DisposeAsync();
                _server = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
