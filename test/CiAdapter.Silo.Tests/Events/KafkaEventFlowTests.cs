using System.Text;
using CiAdapter.Models;
using CiAdapter.Testing;
using CiAdapter.Testing.Kafka;
using CiAdapter.Testing.Orleans;
using CiAdapter.Testing.Service;

namespace CiAdapter.Silo.Tests.Events;

/// <summary>The service through Kafka and HTTP: records in, CI runs and backend statuses out.</summary>
public sealed class KafkaEventFlowTests(KafkaServiceFixture fixture) : IClassFixture<KafkaServiceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Records_ProducedWithModelKeys_DriveEachModelToItsResultOnce()
    {
        var topics = fixture.NewTopics();
        await using var service = await ServiceHost.StartAsync(fixture.ProductionSettings(topics));
        await service.WaitUntilReadyAsync();
        var succeeds = TestEvents.NewModelId("ok");
        var fails = TestEvents.NewModelId("will-fail");
        var duplicated = ModelEventJson.Initiate(succeeds, "evt-dup-1");
        using var producer = new KafkaTestProducer(fixture.Kafka.BootstrapServers);

        await producer.ProduceAsync(topics.Topic, succeeds, duplicated);
        await producer.ProduceAsync(topics.Topic, fails, ModelEventJson.Initiate(fails, TestEvents.NewEventId()));
        await producer.ProduceAsync(topics.Topic, succeeds, duplicated);

        await fixture.Simulators.Backend.WaitForStatusAsync(succeeds, "success", Deadline);
        await fixture.Simulators.Backend.WaitForStatusAsync(fails, "failed", Deadline);
        Assert.Equal(1, fixture.Simulators.CodeArts.DispatchCount(succeeds));
        Assert.Equal(1, fixture.Simulators.CodeArts.DispatchCount(fails));
        var model = await service.GetModelAsync(succeeds);
        Assert.Equal((ModelStatus.Success, 1), (model?.Status, model?.Version));
    }

    [Fact]
    public async Task Records_OfOneModel_AppliedInPartitionOrder()
    {
        var topics = fixture.NewTopics();
        await using var service = await ServiceHost.StartAsync(fixture.ProductionSettings(topics));
        await service.WaitUntilReadyAsync();
        var models = Enumerable.Range(0, 6).Select(i => TestEvents.NewModelId($"order-{i}")).ToList();
        using var producer = new KafkaTestProducer(fixture.Kafka.BootstrapServers);

        // Interleaved across models: initiate, delete, initiate — each model ends in its second round.
        foreach (var step in new Func<string, string>[]
        {
            m => ModelEventJson.Initiate(m, TestEvents.NewEventId()),
            m => ModelEventJson.Delete(m, TestEvents.NewEventId()),
            m => ModelEventJson.Initiate(m, TestEvents.NewEventId()),
        })
        {
            foreach (var modelId in models)
            {
                await producer.ProduceAsync(topics.Topic, modelId, step(modelId));
            }
        }

        foreach (var modelId in models)
        {
            var model = await service.WaitForModelAsync(modelId, m => m.Status == ModelStatus.Success && m.Version == 2, $"{modelId} finishes its second round");
            Assert.Equal(2, model.Version);
        }
    }

    [Fact]
    public async Task MalformedRecords_DeadLetteredWithHeaders_GoodRecordsAroundThemApplied()
    {
        var topics = fixture.NewTopics(partitions: 1);
        await using var service = await ServiceHost.StartAsync(fixture.ProductionSettings(topics));
        await service.WaitUntilReadyAsync();
        var before = TestEvents.NewModelId("before");
        var after = TestEvents.NewModelId("after");
        var bad = new (string Key, string Value, string Reason)[]
        {
            ("k1", "{not json", "invalid-json"),
            ("k2", "[1,2,3]", "not-an-object"),
            ("k3", """{"event_type":"rename_certification","model_id":"g/m","id":"x"}""", "unknown-event-type"),
            ("k4", """{"event_type":"initiate_certification","id":"y"}""", "missing-model-id"),
            ("k5", "{\"event_type\":\"initiate_certification\",\"model_id\":\"g/big\",\"pad\":\"" + new string('x', 1_100_000) + "\"}", "too-large"),
        };
        using var producer = new KafkaTestProducer(fixture.Kafka.BootstrapServers);

        await producer.ProduceAsync(topics.Topic, before, ModelEventJson.Initiate(before, TestEvents.NewEventId()));
        foreach (var (key, value, _) in bad)
        {
            await producer.ProduceAsync(topics.Topic, key, value);
        }

        await producer.ProduceAsync(topics.Topic, after, ModelEventJson.Initiate(after, TestEvents.NewEventId()));

        var dead = await KafkaRecordReader.ReadAtLeastAsync(fixture.Kafka.BootstrapServers, topics.DeadLetterTopic, bad.Length, Deadline);
        Assert.Equal(bad.Length, dead.Count);
        foreach (var (key, value, reason) in bad)
        {
            var record = Assert.Single(dead, r => r.KeyText == key);
            Assert.Equal(reason, record.Header("dlq-reason"));
            Assert.Equal(value, record.ValueText);
            Assert.Equal(topics.Topic, record.Header("dlq-source-topic"));
            Assert.Equal("0", record.Header("dlq-source-partition"));
            Assert.False(string.IsNullOrEmpty(record.Header("dlq-source-offset")));
            Assert.False(string.IsNullOrEmpty(record.Header("dlq-detail")));
        }

        await fixture.Simulators.Backend.WaitForStatusAsync(before, "success", Deadline);
        await fixture.Simulators.Backend.WaitForStatusAsync(after, "success", Deadline);
        using var ready = await service.Http.GetAsync("readyz");
        Assert.True(ready.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Consumption_WaitsForTheRestore_ThenApplies()
    {
        var topics = fixture.NewTopics();
        var modelId = TestEvents.NewModelId();
        using var producer = new KafkaTestProducer(fixture.Kafka.BootstrapServers);
        await producer.ProduceAsync(topics.Topic, modelId, ModelEventJson.Initiate(modelId, TestEvents.NewEventId()));
        fixture.Simulators.Backend.ModelStateFaults.FailAlways(503);
        try
        {
            await using var service = await ServiceHost.StartAsync(fixture.ProductionSettings(topics));
            await fixture.Simulators.Backend.WaitUntilAsync(b => b.ModelStateFaults.InjectedCount >= 3, Deadline);

            await Wait.HoldsForAsync(
                async () => await service.GetModelAsync(modelId) is null && !(await service.Http.GetAsync("readyz")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(2),
                "no event is applied and the service is not ready while the restore waits for the backend");
            fixture.Simulators.Backend.ModelStateFaults.Clear();

            await service.WaitUntilReadyAsync();
            await service.WaitForModelAsync(modelId, m => m.Status != ModelStatus.Pending || m.Version == 1, "the event is applied after the restore");
        }
        finally
        {
            fixture.Simulators.Backend.ModelStateFaults.Clear();
        }
    }

    [Fact]
    public async Task GracefulStop_CommitsEveryAppliedRecord()
    {
        var topics = fixture.NewTopics(partitions: 2);
        var models = Enumerable.Range(0, 20).Select(i => TestEvents.NewModelId($"stop-{i}")).ToList();
        var service = await ServiceHost.StartAsync(fixture.ProductionSettings(topics));
        try
        {
            await service.WaitUntilReadyAsync();
            using var producer = new KafkaTestProducer(fixture.Kafka.BootstrapServers);
            var ends = new Dictionary<int, long>();
            foreach (var modelId in models)
            {
                var delivered = await producer.ProduceAsync(topics.Topic, modelId, ModelEventJson.Initiate(modelId, TestEvents.NewEventId()));
                ends[delivered.Partition.Value] = Math.Max(ends.GetValueOrDefault(delivered.Partition.Value), delivered.Offset.Value + 1);
            }

            foreach (var modelId in models)
            {
                await service.WaitForModelAsync(modelId, _ => true, $"{modelId} is applied");
            }

            await service.StopAsync();

            var committed = KafkaRecordReader.GetCommittedOffsets(fixture.Kafka.BootstrapServers, topics.GroupId, topics.Topic);
            Assert.Equal(ends.OrderBy(e => e.Key), committed.Where(c => ends.ContainsKey(c.Key)).OrderBy(c => c.Key));
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task RecordWithoutKeyOrId_StillApplied()
    {
        var topics = fixture.NewTopics(partitions: 1);
        await using var service = await ServiceHost.StartAsync(fixture.ProductionSettings(topics));
        await service.WaitUntilReadyAsync();
        var modelId = TestEvents.NewModelId();
        var slash = modelId.IndexOf('/', StringComparison.Ordinal);
        var json = $$"""{"event_type":"initiate_certification","group_name":"{{modelId[..slash]}}","model_name":"{{modelId[(slash + 1)..]}}"}""";
        using var producer = new KafkaTestProducer(fixture.Kafka.BootstrapServers);

        await producer.ProduceAsync(topics.Topic, (byte[]?)null, Encoding.UTF8.GetBytes(json));

        await fixture.Simulators.Backend.WaitForStatusAsync(modelId, "success", Deadline);
    }
}
