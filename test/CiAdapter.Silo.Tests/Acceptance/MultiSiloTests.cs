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
public sealed class MultiSiloTests(PostgresServiceFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresServiceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private SimulatorServer Simulators => fixture.Simulators;

    [Fact]
    public async Task ThreeSilosOnPostgres_OneKilledMidFlow_NoModelLostAndNoRedispatchBeyondInFlight()
    {
        var kafka = SharedKafkaCluster.CreateTopics(partitions: 8);
        var clusterId = $"multi-{Guid.NewGuid():N}";
        var silos = Enumerable.Range(0, 3).Select(_ => ServiceProcess.Start(fixture.Settings(kafka, clusterId))).ToList();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitUntilReadyAsync(Deadline)));
            var models = Enumerable.Range(0, 60).Select(i => TestEvents.NewModelId($"multi-{i:00}")).ToList();
            await Kcat.ProduceAsync(kafka.BootstrapServers, kafka.Topic, models.Select(m => (m, ModelEventJson.Initiate(m, TestEvents.NewEventId()))));
            await Simulators.CodeArts.WaitUntilAsync(c => models.Count(m => c.DispatchCount(m) > 0) >= 20, Deadline);

            await silos[1].KillAsync();
            var durable = await DurableModelStates.ReadAsync(fixture.Postgres.ConnectionString);
            var dispatchedBeforeKill = models.Where(m => Simulators.CodeArts.DispatchCount(m) > 0).ToList();
            var inFlight = dispatchedBeforeKill
                .Where(m => durable.GetValueOrDefault(m) is not (ModelStatus.Running or ModelStatus.Success or ModelStatus.Failed))
                .ToHashSet();

            foreach (var modelId in models)
            {
                await Simulators.Backend.WaitForStatusAsync(modelId, "success", Deadline);
            }

            var redispatched = models.Where(m => Simulators.CodeArts.DispatchCount(m) > 1).ToHashSet();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"3 silos, {models.Count} models; {dispatchedBeforeKill.Count} dispatched before one silo was killed, {inFlight.Count} not yet durable; {redispatched.Count} dispatched again"));
            Assert.All(models, m => Assert.InRange(Simulators.CodeArts.DispatchCount(m), 1, 2));
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
}
