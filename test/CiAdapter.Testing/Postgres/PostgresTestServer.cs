using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace CiAdapter.Testing.Postgres;

/// <summary>
/// A PostgreSQL server for tests. Either one this process starts itself (initdb and pg_ctl in a
/// fresh temporary folder, listening on 127.0.0.1 only, on a free port; as the "postgres" user
/// when the tests run as root, since PostgreSQL refuses to run as root), or, when
/// CI_ADAPTER_TEST_POSTGRES is set, the running server that connection string names (its user
/// must be allowed to create databases). Tests get databases of their own from it.
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    /// <summary>An Npgsql connection string of a running server to use instead of starting one.</summary>
    public const string ServerVariable = "CI_ADAPTER_TEST_POSTGRES";

    private const string ServiceUser = "postgres";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string? _root;
    private readonly Action? _stopOnExit;
    private int _disposed;

    private PostgresTestServer(string adminConnectionString, string? binDirectory, string? root)
    {
        AdminConnectionString = adminConnectionString;
        BinDirectory = binDirectory;
        _root = root;
        if (root is not null)
        {
            // A backstop for a test run that ends without disposing its fixtures.
            _stopOnExit = () => StopLocalServerAsync().GetAwaiter().GetResult();
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
    }

    /// <summary>A superuser (or CREATEDB) connection string to the server's "postgres" database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The folder of the PostgreSQL programs (psql among them), when this process started the server.</summary>
    public string? BinDirectory { get; }

    /// <summary>Starts a server, or connects to the one CI_ADAPTER_TEST_POSTGRES names; fails with how to fix it.</summary>
    public static async Task<PostgresTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var external = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return await ConnectExternalAsync(external, cancellationToken);
        }

        var binDirectory = PostgresBinaries.Find() ?? throw Unavailable(
            "initdb and pg_ctl were not found (looked in $" + PostgresBinaries.BinVariable + ", /usr/lib/postgresql/<version>/bin and PATH)");
        return await StartLocalAsync(binDirectory, cancellationToken);
    }

    /// <summary>Creates an empty database that only the caller uses; dispose it to drop it.</summary>
    public async Task<PostgresTestDatabase> CreateDatabaseAsync(string purpose = "test", CancellationToken cancellationToken = default)
    {
        var name = $"t_{Sanitize(purpose)}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        return new PostgresTestDatabase(this, name, connectionString);
    }

    /// <summary>A connection string to a port where nothing listens, for tests of connection failures.</summary>
    public static string UnreachableConnectionString(string password = "not-a-real-password") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = FreePort(),
            Database = "nowhere",
            Username = "nobody",
            Password = password,
            Timeout = 5,
        }.ConnectionString;

    internal async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_stopOnExit is not null)
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }

        NpgsqlConnection.ClearAllPools();
        await StopLocalServerAsync();
    }

    private void OnProcessExit(object? sender, EventArgs e) => _stopOnExit?.Invoke();

    private static async Task<PostgresTestServer> ConnectExternalAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw Unavailable($"{ServerVariable} is not an Npgsql connection string ({exception.Message})");
        }

        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw Unavailable($"{ServerVariable} names {builder.Host}:{builder.Port} as user '{builder.Username}', which cannot be used: {exception.Message}");
        }

        return new PostgresTestServer(builder.ConnectionString, binDirectory: null, root: null);
    }

    private static async Task<PostgresTestServer> StartLocalAsync(string binDirectory, CancellationToken cancellationToken)
    {
        var asRoot = Environment.IsPrivilegedProcess;
        var root = Path.Combine(Path.GetTempPath(), $"ci-adapter-pg-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        Directory.CreateDirectory(root);
        try
        {
            if (asRoot)
            {
                await MustSucceedAsync("chown", [ServiceUser, root], cancellationToken);
            }

            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var passwordFile = Path.Combine(root, "password");
            await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
            var data = Path.Combine(root, "data");

            await RunServerToolAsync(asRoot, binDirectory, "initdb",
                ["-D", data, "-U", ServiceUser, "-A", "scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C", "--no-sync"],
                cancellationToken);
            File.Delete(passwordFile);

            // A port taken between finding it and binding it fails the start; try another.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var started = await RunServerToolAsync(asRoot, binDirectory, "pg_ctl",
                    ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
                        "-o", $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c fsync=off " +
                              "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                        "start"],
                    cancellationToken, throwOnFailure: attempt == 3);
                if (started.ExitCode == 0)
                {
                    var admin = new NpgsqlConnectionStringBuilder
                    {
                        Host = IPAddress.Loopback.ToString(),
                        Port = port,
                        Username = ServiceUser,
                        Password = password,
                        Database = "postgres",
                    }.ConnectionString;
                    return new PostgresTestServer(admin, binDirectory, root);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await StopAsync(asRoot, binDirectory, root);
            throw Unavailable($"{exception.Message}{ServerLog(root)}", exception);
        }
    }

    private async Task StopLocalServerAsync()
    {
        if (_root is not null && BinDirectory is not null)
        {
            await StopAsync(Environment.IsPrivilegedProcess, BinDirectory, _root);
        }
    }

    private static async Task StopAsync(bool asRoot, string binDirectory, string root)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            // The data is thrown away, so there is nothing to flush: stop at once.
            await RunServerToolAsync(asRoot, binDirectory, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"],
                CancellationToken.None, throwOnFailure: false);
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<ProcessRunner.Result> RunServerToolAsync(
        bool asRoot, string binDirectory, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnFailure = true)
    {
        var program = Path.Combine(binDirectory, tool);
        var result = asRoot
            ? await ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments], CommandTimeout, cancellationToken: cancellationToken)
            : await ProcessRunner.RunAsync(program, arguments, CommandTimeout, cancellationToken: cancellationToken);
        if (throwOnFailure && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {result.ExitCode}:\n{result.Output}");
        }

        return result;
    }

    private static async Task MustSucceedAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, CommandTimeout, cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {result.ExitCode}:\n{result.Output}");
        }
    }

    private static string ServerLog(string root)
    {
        var log = Path.Combine(root, "server.log");
        return File.Exists(log) ? $"\nServer log:\n{File.ReadAllText(log)}" : "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Sanitize(string purpose)
    {
        var letters = purpose.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_').Take(30).ToArray();
        return letters.Length == 0 ? "test" : new string(letters);
    }

    private static InvalidOperationException Unavailable(string reason, Exception? inner = null) => new(
        $"PostgreSQL for the tests is not available: {reason}\n" +
        "To fix: install PostgreSQL 15 (Debian: apt-get install -y postgresql-15; the tests start their own server from " +
        "/usr/lib/postgresql/15/bin, as the 'postgres' user when run as root, on 127.0.0.1 only), or set " +
        $"{ServerVariable} to the connection string of a running server whose user may create databases " +
        "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...).",
        inner);
}
