using CiAdapter.Simulators.Hosting;
using CiAdapter.Testing.Kafka;
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
        var settings = new Dictionary<string, string?>
        {
            ["POSTGRES_CONNECTION_STRING"] = Postgres.ConnectionString,
            ["ORLEANS_CLUSTER_ID"] = clusterId,
            ["CI_BASE_URL"] = Simulators.CodeArtsBaseUrl,
            ["CI_API_TOKEN"] = CiToken,
            ["BACKEND_BASE_URL"] = Simulators.BackendBaseUrl,
            ["CHECK_PENDING_INTERVAL"] = "1s",
            ["QUERY_CI_STATUS_INTERVAL"] = "1s",
            ["SYNC_BACKEND_INTERVAL"] = "3s",
        };
        kafka.AddTo(settings);
        return settings;
    }
}
