using CiAdapter.Simulators.Hosting;
using CiAdapter.Testing;
using CiAdapter.Testing.Kafka;
using CiAdapter.Testing.Orleans;
using CiAdapter.Testing.Service;

namespace CiAdapter.Silo.Tests.Acceptance;

/// <summary>
/// The built service in Production, reading a Kafka-protocol cluster that kcat (a standard client,
/// not .NET) writes to: every model reaches its CI result at the backend, every malformed record
/// is dead-lettered, and the service stays up and ready throughout.
/// </summary>
public sealed class KafkaAcceptanceTests : IAsyncLifetime
{
    private const string CiToken = "kafka-acceptance-ci-token";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private SimulatorServer _simulators = null!;

    public async Task InitializeAsync() => _simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
    {
        CodeArts = new() { Token = CiToken, RunTime = TimeSpan.FromSeconds(1) },
    });

    public Task DisposeAsync() => _simulators.DisposeAsync().AsTask();

    [Fact]
    public async Task BuiltDll_EventsFromKcat_EveryModelToItsResult_EveryMalformedRecordDeadLettered()
    {
        var kafka = SharedKafkaCluster.CreateTopics(partitions: 3);
        var settings = ServiceSettings.Production(_simulators, CiToken);
        kafka.AddTo(settings);
        await using var service = ServiceProcess.Start(settings);
        await service.WaitUntilReadyAsync();

        var good = Enumerable.Range(0, 8).Select(i => TestEvents.NewModelId(i % 4 == 0 ? $"kcat-{i}-fail" : $"kcat-{i}")).ToList();
        var malformed = new (string Key, string Value, string Reason)[]
        {
            ("m1", "{\"event_type\":\"initiate_certification\",", "invalid-json"),
            ("m2", "\"just a string\"", "not-an-object"),
            ("m3", "{\"event_type\":\"approve_certification\",\"model_id\":\"g/m\",\"id\":\"e\"}", "unknown-event-type"),
            ("m4", "{\"event_type\":\"delete_certification\",\"id\":\"e2\"}", "missing-model-id"),
            ("m5", "{\"event_type\":\"initiate_certification\",\"model_id\":\"g/huge\",\"blob\":\"" + new string('a', 1_200_000) + "\"}", "too-large"),
        };
        var records = new List<(string, string)>();
        foreach (var modelId in good)
        {
            var eventId = TestEvents.NewEventId();
            records.Add((modelId, ModelEventJson.Initiate(modelId, eventId)));
            records.Add((modelId, ModelEventJson.Initiate(modelId, eventId))); // redelivered by the producer
        }

        records.InsertRange(5, malformed.Select(m => (m.Key, m.Value)));

        await Kcat.ProduceAsync(kafka.BootstrapServers, kafka.Topic, records);

        foreach (var modelId in good)
        {
            await _simulators.Backend.WaitForStatusAsync(modelId, modelId.Contains("-fail-", StringComparison.Ordinal) ? "failed" : "success", Deadline);
            Assert.Equal(1, _simulators.CodeArts.DispatchCount(modelId));
        }

        var dead = await KafkaRecordReader.ReadAtLeastAsync(kafka.BootstrapServers, kafka.DeadLetterTopic, malformed.Length, Deadline);
        Assert.Equal(malformed.Length, dead.Count);
        foreach (var (key, value, reason) in malformed)
        {
            var record = Assert.Single(dead, r => r.KeyText == key);
            Assert.Equal(reason, record.Header("dlq-reason"));
            Assert.Equal(value, record.ValueText);
            Assert.Equal(kafka.Topic, record.Header("dlq-source-topic"));
        }

        using var ready = await service.Http.GetAsync("readyz");
        Assert.True(ready.IsSuccessStatusCode);
        Assert.False(service.HasExited);
        await Wait.UntilAsync(
            () => KafkaRecordReader.GetCommittedOffsets(kafka.BootstrapServers, kafka.GroupId, kafka.Topic).Values.Sum() == records.Count,
            Deadline,
            "every record, good or dead-lettered, is committed");
    }
}
