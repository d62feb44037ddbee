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
public sealed class PostgresAcceptanceTests(PostgresServiceFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresServiceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private SimulatorServer Simulators => fixture.Simulators;

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
            await Simulators.CodeArts.WaitUntilAsync(c => models.Count(m => c.DispatchCount(m) > 0) >= 15, Deadline);

            await first.KillAsync();
        }

        // In flight at the kill: CodeArts took the task, but the model had not yet made it durable.
        var durable = await DurableModelStates.ReadAsync(fixture.Postgres.ConnectionString);
        var dispatchedBeforeKill = models.Where(m => Simulators.CodeArts.DispatchCount(m) > 0).ToList();
        var inFlight = dispatchedBeforeKill.Where(m => durable.GetValueOrDefault(m) is not (ModelStatus.Running or ModelStatus.Success or ModelStatus.Failed)).ToList();
        await using var second = ServiceProcess.Start(settings);
        await second.WaitUntilReadyAsync(Deadline);

        foreach (var modelId in models)
        {
            await Simulators.Backend.WaitForStatusAsync(modelId, "success", Deadline);
        }

        var redispatched = models.Where(m => Simulators.CodeArts.DispatchCount(m) > 1).ToList();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{models.Count} models; {dispatchedBeforeKill.Count} dispatched before SIGKILL, {inFlight.Count} of them not yet durable; {redispatched.Count} dispatched again after the restart; {Simulators.CodeArts.Dispatches.Count(d => d.Accepted)} dispatches in all"));
        Assert.All(models, m => Assert.InRange(Simulators.CodeArts.DispatchCount(m), 1, 2));
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
            await Simulators.CodeArts.WaitForDispatchAsync(modelId, timeout: Deadline);
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
        var settings = fixture.Settings(kafka, $"acceptance-{Guid.NewGuid():N}");

        // The restarted silo takes the dead one's place at once: same endpoint, newer generation.
        settings["ORLEANS_SILO_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        settings["ORLEANS_GATEWAY_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        return settings;
    }
}
