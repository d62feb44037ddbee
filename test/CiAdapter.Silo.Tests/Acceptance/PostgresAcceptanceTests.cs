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
/// The built service in Production on a fresh PostgreSQL database, fed by kcat: killed with SIGKILL
/// mid-flow and restarted, every model still reaches its CI result, and no model is dispatched twice
/// beyond the calls in flight at the kill. Stopped with SIGTERM, it commits everything it applied.
/// </summary>
public sealed class PostgresAcceptanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string CiToken = "postgres-acceptance-ci-token";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly PostgresFixture _postgres = new();
    private SimulatorServer _simulators = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
        {
            CodeArts = new() { Token = CiToken, RunTime = TimeSpan.FromSeconds(2) },
        });
    }

    public async Task DisposeAsync()
    {
        await _simulators.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task BuiltDll_KilledMidFlowAndRestarted_EveryModelReachesItsResultWithoutRedispatch()
    {
        var kafka = SharedKafkaCluster.CreateTopics(partitions: 4);
        var settings = Settings(kafka);
        var models = Enumerable.Range(0, 40).Select(i => TestEvents.NewModelId($"kill-{i:00}")).ToList();

        await using (var first = ServiceProcess.Start(settings))
        {
            await first.WaitUntilReadyAsync(Deadline);
            await Kcat.ProduceAsync(kafka.BootstrapServers, kafka.Topic, models.Select(m => (m, ModelEventJson.Initiate(m, TestEvents.NewEventId()))));
            await _simulators.CodeArts.WaitUntilAsync(c => models.Count(m => c.DispatchCount(m) > 0) >= 15, Deadline);

            await first.KillAsync();
        }

        // In flight at the kill: CodeArts took the task, but the model had not yet made it durable.
        var durable = await DurableModelStates.ReadAsync(_postgres.ConnectionString);
        var dispatchedBeforeKill = models.Where(m => _simulators.CodeArts.DispatchCount(m) > 0).ToList();
        var inFlight = dispatchedBeforeKill.Where(m => durable.GetValueOrDefault(m) is not (ModelStatus.Running or ModelStatus.Success or ModelStatus.Failed)).ToList();
        await using var second = ServiceProcess.Start(settings);
        await second.WaitUntilReadyAsync(Deadline);

        foreach (var modelId in models)
        {
            await _simulators.Backend.WaitForStatusAsync(modelId, "success", Deadline);
        }

        var redispatched = models.Where(m => _simulators.CodeArts.DispatchCount(m) > 1).ToList();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{models.Count} models; {dispatchedBeforeKill.Count} dispatched before SIGKILL, {inFlight.Count} of them not yet durable; {redispatched.Count} dispatched again after the restart; {_simulators.CodeArts.Dispatches.Count(d => d.Accepted)} dispatches in all"));
        Assert.All(models, m => Assert.InRange(_simulators.CodeArts.DispatchCount(m), 1, 2));
        Assert.Subset(inFlight.ToHashSet(), redispatched.ToHashSet());
    }

    [Fact]
    public async Task BuiltDll_Sigterm_StopsInTimeAndCommitsEveryAppliedRecord()
    {
        var kafka = SharedKafkaCluster.CreateTopics(partitions: 2);
        var models = Enumerable.Range(0, 12).Select(i => TestEvents.NewModelId($"term-{i:00}")).ToList();
        await using var service = ServiceProcess.Start(Settings(kafka));
        await service.WaitUntilReadyAsync(Deadline);
        await Kcat.ProduceAsync(kafka.BootstrapServers, kafka.Topic, models.Select(m => (m, ModelEventJson.Initiate(m, TestEvents.NewEventId()))));
        foreach (var modelId in models)
        {
            await _simulators.CodeArts.WaitForDispatchAsync(modelId, timeout: Deadline);
        }

        service.Terminate();
        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(0, exitCode);
        Assert.Contains(service.Output, l => l.Contains("stopped consuming; offsets committed", StringComparison.Ordinal));
        var committed = KafkaRecordReader.GetCommittedOffsets(kafka.BootstrapServers, kafka.GroupId, kafka.Topic);
        Assert.Equal(models.Count, committed.Values.Sum());
    }

    private Dictionary<string, string?> Settings(ServiceTopics kafka)
    {
        var settings = new Dictionary<string, string?>
        {
            ["POSTGRES_CONNECTION_STRING"] = _postgres.ConnectionString,
            ["CI_BASE_URL"] = _simulators.CodeArtsBaseUrl,
            ["CI_API_TOKEN"] = CiToken,
            ["BACKEND_BASE_URL"] = _simulators.BackendBaseUrl,
            ["CHECK_PENDING_INTERVAL"] = "1s",
            ["QUERY_CI_STATUS_INTERVAL"] = "1s",
            ["SYNC_BACKEND_INTERVAL"] = "3s",

            // The restarted silo takes the dead one's place at once: same endpoint, newer generation.
            ["ORLEANS_SILO_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["ORLEANS_GATEWAY_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["ORLEANS_CLUSTER_ID"] = $"acceptance-{Guid.NewGuid():N}",
        };
        kafka.AddTo(settings);
        return settings;
    }
}
