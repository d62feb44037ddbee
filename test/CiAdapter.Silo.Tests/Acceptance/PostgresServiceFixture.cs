using CiAdapter.Simulators.Hosting;
using CiAdapter.Testing.Kafka;
using CiAdapter.Testing.Service;
using CiAdapter.Testing.Postgres;

namespace CiAdapter.Silo.Tests.Acceptance;

/// <summary>
/// What a production-like run of the built service needs around it: a fresh PostgreSQL database and
/// the CodeArts and backend simulators. Each test brings its own topics and Orleans cluster id.
/// </summary>
public sealed class PostgresServiceFixture : IAsyncLifetime
{
    public const string CiToken = "postgres-service-ci-token";

    public PostgresFixture Postgres { get; } = new();

    public SimulatorServer Simulators { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        Simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
        {
            CodeArts = new() { Token = CiToken, RunTime = TimeSpan.FromSeconds(2) },
        });
    }

    public async Task DisposeAsync()
    {
        await Simulators.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>Production keys: PostgreSQL, the simulators, the given topics and cluster, one-second periods.</summary>
    public Dictionary<string, string?> Settings(ServiceTopics kafka, string clusterId)
    {
        var settings = ServiceSettings.Production(Simulators, CiToken);
        settings["POSTGRES_CONNECTION_STRING"] = Postgres.ConnectionString;
        settings["ORLEANS_CLUSTER_ID"] = clusterId;
        kafka.AddTo(settings);
        return settings;
    }
}
