using System.Net;
using CiAdapter.Postgres.Hosting;
using CiAdapter.Postgres.Schema;
using CiAdapter.Postgres.Tests.Support;
using CiAdapter.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CiAdapter.Postgres.Tests.Hosting;

public sealed class UsePostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task SiloStart_EmptyDatabase_AppliesSchemaBeforeJoining()
    {
        await using var database = await postgres.CreateDatabaseAsync("empty_start");
        var identity = TestClusterIdentity.New();

        await using var silo = await TestSilo.StartAsync(database.ConnectionString, identity);

        Assert.Equal(PostgresSchemaInstaller.SchemaVersion, await new PostgresSchemaInstaller().GetInstalledVersionAsync(database.ConnectionString, CancellationToken.None));
        Assert.Equal(1L, await Database.ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND status = 3", ("cluster", identity.ClusterId)));
    }

    [Fact]
    public async Task SiloStart_NothingListening_StopsWithTheReason()
    {
        var connectionString = PostgresTestServer.UnreachableConnectionString();
        var port = new NpgsqlConnectionStringBuilder(connectionString).Port;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(connectionString, TestClusterIdentity.New(),
            silo => silo.Services.Configure<PostgresOptions>(options => options.SchemaStartupTimeout = TimeSpan.Zero)));

        var reason = FindSchemaError(error);
        Assert.Contains($"127.0.0.1:{port}", reason.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloStart_DatabaseComesUpLater_WaitsForIt()
    {
        await using var database = await postgres.CreateDatabaseAsync("late_start");
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var port = LoopbackPorts.Free();
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = port }.ConnectionString;

        var starting = TestSilo.StartAsync(connectionString, TestClusterIdentity.New());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(starting.IsCompleted);

        // PostgreSQL "comes up" on the configured port.
        await using var server = new TcpRelay(new IPEndPoint(IPAddress.Loopback, target.Port), port);
        await using var silo = await starting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(PostgresSchemaInstaller.SchemaVersion, await new PostgresSchemaInstaller().GetInstalledVersionAsync(database.ConnectionString, CancellationToken.None));
    }

    [Fact]
    public async Task SiloStart_InstallationOffAndNoSchema_SaysHowToInstallIt()
    {
        await using var database = await postgres.CreateDatabaseAsync("no_schema");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(database.ConnectionString, TestClusterIdentity.New(),
            silo => silo.Services.Configure<PostgresOptions>(options => options.ApplySchemaOnStart = false)));

        var reason = FindSchemaError(error);
        Assert.Contains("has no CI Adapter schema", reason.Message, StringComparison.Ordinal);
        Assert.Contains("psql", reason.Message, StringComparison.Ordinal);
        Assert.Null(await new PostgresSchemaInstaller().GetInstalledVersionAsync(database.ConnectionString, CancellationToken.None));
    }

    [Fact]
    public async Task SiloStart_InstallationOffAndSchemaPresent_Starts()
    {
        await using var database = await postgres.CreateDatabaseAsync("dba_schema");
        await new PostgresSchemaInstaller().ApplyAsync(database.ConnectionString, CancellationToken.None);
        var identity = TestClusterIdentity.New();

        await using var silo = await TestSilo.StartAsync(database.ConnectionString, identity,
            silo => silo.Services.Configure<PostgresOptions>(options => options.ApplySchemaOnStart = false));

        Assert.Equal(1L, await Database.ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster", ("cluster", identity.ClusterId)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void UsePostgres_NoConnectionString_FailsAtWiring(string connectionString)
    {
        var error = Assert.Throws<PostgresSchemaException>(() => Wire(silo => silo.UsePostgres(connectionString, "store")));

        Assert.Contains("POSTGRES_CONNECTION_STRING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsePostgres_StorageNamedTwice_FailsAtWiring()
    {
        var error = Assert.Throws<ArgumentException>(() => Wire(silo => silo.UsePostgres(postgres.ConnectionString, "store", "store")));

        Assert.Contains("'store' is named twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsePostgres_Storages_AreCollisionSafeAndUseNpgsql()
    {
        using var host = Wire(silo => silo.UsePostgres(postgres.ConnectionString, "first", "second"));

        foreach (var name in new[] { "first", "second" })
        {
            Assert.IsType<CiAdapter.Postgres.Storage.CollisionSafeGrainStorage>(host.Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(name));
            var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Orleans.Configuration.AdoNetGrainStorageOptions>>().Get(name);
            Assert.Equal("Npgsql", options.Invariant);
            Assert.IsType<Orleans.Storage.OrleansGrainStorageSerializer>(options.GrainStorageSerializer);
        }
    }

    private static IHost Wire(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(configure);
        return builder.Build();
    }

    private static PostgresSchemaException FindSchemaError(Exception error)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            if (current is PostgresSchemaException schema)
            {
                return schema;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                return FindSchemaError(aggregate.InnerExceptions[0]);
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected a PostgresSchemaException in the chain, got: {error}");
    }
}
