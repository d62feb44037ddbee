using System.Globalization;
using CiAdapter.Models;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Testing.Kafka;
using CiAdapter.Testing.Orleans;
using CiAdapter.Testing.Postgres;
using CiAdapter.Testing.Service;
using Xunit.Abstractions;

namespace CiAdapter.Silo.Tests.Acceptance;

/// <summary>
/// Three silos of the built service forming one cluster through PostgreSQL membership and sharing the
/// topic's partitions. One is killed with SIGKILL mid-flow: the others take over its partitions and its
/// models, no model is lost, and only models whose CI task was not yet durable are dispatched again.
/// </summary>
public sealed class MultiSiloTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string CiToken = "multi-silo-ci-token";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly PostgresFixture _postgres = new();
    private SimulatorServer _simulators = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
        {
            CodeArts = new() { Token = CiToken, RunTime = TimeSpan.FromSeconds(3) },
        });
    }

    public async Task DisposeAsync()
    {
        await _simulators.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task ThreeSilosOnPostgres_OneKilledMidFlow_NoModelLostAndNoRedispatchBeyondInFlight()
    {
        var kafka = SharedKafkaCluster.CreateTopics(partitions: 8);
        var clusterId = $"multi-{Guid.NewGuid():N}";
        var silos = Enumerable.Range(0, 3).Select(_ => ServiceProcess.Start(Settings(kafka, clusterId))).ToList();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitUntilReadyAsync(Deadline)));
            var models = Enumerable.Range(0, 60).Select(i => TestEvents.NewModelId($"multi-{i:00}")).ToList();
            await Kcat.ProduceAsync(kafka.BootstrapServers, kafka.Topic, models.Select(m => (m, ModelEventJson.Initiate(m, TestEvents.NewEventId()))));
            await _simulators.CodeArts.WaitUntilAsync(c => models.Count(m => c.DispatchCount(m) > 0) >= 20, Deadline);

            await silos[1].KillAsync();
            var durable = await DurableModelStates.ReadAsync(_postgres.ConnectionString);
            var dispatchedBeforeKill = models.Where(m => _simulators.CodeArts.DispatchCount(m) > 0).ToList();
            var inFlight = dispatchedBeforeKill
                .Where(m => durable.GetValueOrDefault(m) is not (ModelStatus.Running or ModelStatus.Success or ModelStatus.Failed))
                .ToHashSet();

            foreach (var modelId in models)
            {
                await _simulators.Backend.WaitForStatusAsync(modelId, "success", Deadline);
            }

            var redispatched = models.Where(m => _simulators.CodeArts.DispatchCount(m) > 1).ToHashSet();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"3 silos, {models.Count} models; {dispatchedBeforeKill.Count} dispatched before one silo was killed, {inFlight.Count} not yet durable; {redispatched.Count} dispatched again"));
            Assert.All(models, m => Assert.InRange(_simulators.CodeArts.DispatchCount(m), 1, 2));
            Assert.Subset(inFlight, redispatched);
            Assert.False(silos[0].HasExited || silos[2].HasExited, "the surviving silos keep running");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private Dictionary<string, string?> Settings(ServiceTopics kafka, string clusterId)
    {
        var settings = new Dictionary<string, string?>
        {
            ["POSTGRES_CONNECTION_STRING"] = _postgres.ConnectionString,
            ["ORLEANS_CLUSTER_ID"] = clusterId,
            ["CI_BASE_URL"] = _simulators.CodeArtsBaseUrl,
            ["CI_API_TOKEN"] = CiToken,
            ["BACKEND_BASE_URL"] = _simulators.BackendBaseUrl,
            ["CHECK_PENDING_INTERVAL"] = "1s",
            ["QUERY_CI_STATUS_INTERVAL"] = "1s",
            ["SYNC_BACKEND_INTERVAL"] = "5s",
        };
        kafka.AddTo(settings);
        return settings;
    }
}
