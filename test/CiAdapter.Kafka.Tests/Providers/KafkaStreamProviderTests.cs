using CiAdapter.Testing;
using System.Globalization;
using System.Text;
using CiAdapter.Kafka.Embedded;
using CiAdapter.Kafka.Records;
using CiAdapter.Kafka.Tests.Providers.Support;
using CiAdapter.Testing.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace CiAdapter.Kafka.Tests.Providers;

[Collection(KafkaCollection.Name)]
public sealed class KafkaStreamProviderTests(KafkaClusterFixture kafka)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ProducedEvents_ReachTheirModelGrains_InPartitionOrderPerModel()
    {
        var (topic, dlq) = CreateTopics("order", partitions: 4);
        var models = Enumerable.Range(0, 12).Select(i => $"order-group/model-{i}").ToList();
        using var producer = new KafkaTestProducer(kafka.BootstrapServers);
        var expected = new List<(string Model, string EventId)>();
        for (var round = 0; round < 10; round++)
        {
            foreach (var model in models)
            {
                var eventId = $"{model}#{round}";
                expected.Add((model, eventId));
                await producer.ProduceAsync(topic, model, ModelEventJson.Initiate(model, eventId), partition: PartitionOf(model, 4));
            }
        }

        await using var cluster = await KafkaSilos.StartAsync(kafka.BootstrapServers, topic, dlq);

        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == expected.Count, Deadline, "every produced event is applied");
        var applied = AppliedLog.All(topic);
        foreach (var model in models)
        {
            var sequence = applied.Where(a => a.ModelId == model).Select(a => a.EventId).Distinct().ToList();
            Assert.Equal(Enumerable.Range(0, 10).Select(r => $"{model}#{r}"), sequence);
        }

        await WaitForCommitAtEndAsync(topic, partitions: 4);
    }

    [Fact]
    public async Task MalformedRecords_GoToDeadLetterTopicWithHeaders_WhileGoodRecordsAroundThemAreApplied()
    {
        var (topic, dlq) = CreateTopics("malformed", partitions: 1);
        var tooLarge = "{\"event_type\":\"initiate_certification\",\"model_id\":\"g/big\",\"pad\":\"" + new string('x', KafkaStreamOptions.DefaultMaxRecordBytes) + "\"}";
        (string Reason, string? Value)[] bad =
        [
            (DeadLetterReasons.InvalidJson, "{oops"),
            (DeadLetterReasons.InvalidJson, null),
            (DeadLetterReasons.NotAnObject, "[1,2,3]"),
            (DeadLetterReasons.UnknownEventType, """{"event_type":"pause_certification","model_id":"g/m"}"""),
            (DeadLetterReasons.MissingModelId, """{"event_type":"initiate_certification","group_name":"g"}"""),
            (DeadLetterReasons.InvalidModelId, """{"event_type":"initiate_certification","model_id":"g/\u0007bell"}"""),
            (DeadLetterReasons.TooLarge, tooLarge),
        ];
        using var producer = new KafkaTestProducer(kafka.BootstrapServers);
        var offsets = new Dictionary<string, long>();
        var goodCount = 0;
        for (var i = 0; i < bad.Length; i++)
        {
            await producer.ProduceAsync(topic, "malformed/good", ModelEventJson.Initiate("malformed/good", $"good-{i}"));
            goodCount++;
            var headers = new Headers { { "trace-id", Encoding.UTF8.GetBytes($"trace-{i}") } };
            var delivered = await producer.ProduceAsync(topic, $"bad-key-{i}", bad[i].Value, headers: headers);
            offsets[$"bad-key-{i}"] = delivered.Offset.Value;
        }

        await producer.ProduceAsync(topic, "malformed/good", ModelEventJson.Initiate("malformed/good", "good-last"));
        goodCount++;

        await using var cluster = await KafkaSilos.StartAsync(kafka.BootstrapServers, topic, dlq);

        var dead = await KafkaRecordReader.ReadAtLeastAsync(kafka.BootstrapServers, dlq, bad.Length, Deadline);
        Assert.Equal(bad.Length, dead.Count);
        for (var i = 0; i < bad.Length; i++)
        {
            var record = Assert.Single(dead, r => r.KeyText == $"bad-key-{i}");
            Assert.Equal(bad[i].Reason, record.Header(DeadLetterHeaders.Reason));
            Assert.False(string.IsNullOrWhiteSpace(record.Header(DeadLetterHeaders.Detail)));
            Assert.Equal(bad[i].Value, record.ValueText);
            Assert.Equal(topic, record.Header(DeadLetterHeaders.SourceTopic));
            Assert.Equal("0", record.Header(DeadLetterHeaders.SourcePartition));
            Assert.Equal(offsets[$"bad-key-{i}"].ToString(CultureInfo.InvariantCulture), record.Header(DeadLetterHeaders.SourceOffset));
            Assert.Equal($"trace-{i}", record.Header("trace-id"));
            var failedAt = DateTimeOffset.Parse(record.Header(DeadLetterHeaders.FailedAt)!, CultureInfo.InvariantCulture);
            Assert.True(failedAt > DateTimeOffset.UtcNow.AddMinutes(-5) && failedAt.Offset == TimeSpan.Zero);
        }

        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == goodCount, Deadline, "every good record is applied");
        await WaitForCommitAtEndAsync(topic, partitions: 1);
    }

    [Fact]
    public async Task GrainThatKeepsThrowing_RecordIsDeadLetteredAsDeliveryFailed_AndPartitionMovesOn()
    {
        var (topic, dlq) = CreateTopics("poison", partitions: 1);
        const string poison = "poison/always-fails";
        GrainBehavior.AlwaysFail(poison);
        using var producer = new KafkaTestProducer(kafka.BootstrapServers);
        await producer.ProduceAsync(topic, "poison/healthy", ModelEventJson.Initiate("poison/healthy", "before"));
        var poisoned = await producer.ProduceAsync(topic, poison, ModelEventJson.Initiate(poison, "poisoned"));
        for (var i = 0; i < 5; i++)
        {
            await producer.ProduceAsync(topic, $"poison/after-{i}", ModelEventJson.Initiate($"poison/after-{i}", $"after-{i}"));
        }

        await using var cluster = await KafkaSilos.StartAsync(
            kafka.BootstrapServers, topic, dlq, agents: o => o.MaxEventDeliveryTime = TimeSpan.FromSeconds(2));

        var dead = Assert.Single(await KafkaRecordReader.ReadAtLeastAsync(kafka.BootstrapServers, dlq, 1, Deadline));
        Assert.Equal(DeadLetterReasons.DeliveryFailed, dead.Header(DeadLetterHeaders.Reason));
        Assert.Equal(poisoned.Offset.Value.ToString(CultureInfo.InvariantCulture), dead.Header(DeadLetterHeaders.SourceOffset));
        Assert.Equal(poison, dead.KeyText);
        Assert.Equal(ModelEventJson.Initiate(poison, "poisoned"), dead.ValueText);

        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == 6, Deadline, "the records around the poisoned one are applied");
        Assert.DoesNotContain(AppliedLog.All(topic), a => a.ModelId == poison);
        await WaitForCommitAtEndAsync(topic, partitions: 1);
    }

    [Fact]
    public async Task AgentsNotStarted_NothingIsConsumed_UntilStartCommand()
    {
        var (topic, dlq) = CreateTopics("gated", partitions: 2);
        using var producer = new KafkaTestProducer(kafka.BootstrapServers);
        for (var i = 0; i < 6; i++)
        {
            await producer.ProduceAsync(topic, $"gated/m{i}", ModelEventJson.Initiate($"gated/m{i}", $"e{i}"), partition: i % 2);
        }

        await using var cluster = await KafkaSilos.StartAsync(kafka.BootstrapServers, topic, dlq, startAgents: false);

        await Wait.HoldsForAsync(
            () => AppliedLog.DistinctCount(topic) == 0 && KafkaSilos.OwnedPartitions(cluster, cluster.Silos[0]).Count == 0,
            TimeSpan.FromSeconds(2),
            "nothing is read before the agents start");

        await KafkaSilos.StartAgentsAsync(cluster, cluster.Silos[0]);

        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == 6, Deadline, "every event is applied once agents start");
        Assert.Equal([0, 1], KafkaSilos.OwnedPartitions(cluster, cluster.Silos[0]));
    }

    [Fact]
    public async Task SiloKilledMidStream_NextSilo_AppliesEveryRecordAtLeastOnce_AndCommitNeverPassesAnUnappliedRecord()
    {
        var (topic, dlq) = CreateTopics("kill", partitions: 2);
        const int total = 400;
        using var producer = new KafkaTestProducer(kafka.BootstrapServers);
        producer.ProduceMany(topic, Enumerable.Range(0, total).Select(i =>
        {
            var model = $"kill/m{i % 20}";
            return (i % 2, model, ModelEventJson.Initiate(model, $"e{i}"));
        }));
        for (var m = 0; m < 20; m++)
        {
            GrainBehavior.Delay($"kill/m{m}", TimeSpan.FromMilliseconds(15));
        }

        var cluster = await KafkaSilos.StartAsync(kafka.BootstrapServers, topic, dlq);
        using var watch = new CancellationTokenSource();
        var violations = new List<string>();
        var watcher = Task.Run(() => WatchCommitsNeverPassUnapplied(topic, violations, watch.Token));
        try
        {
            await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) >= total / 4, Deadline, "a quarter of the records are applied");
            await cluster.KillSiloAsync(cluster.Silos[0]);
            var appliedAtKill = AppliedLog.DistinctCount(topic);
            Assert.True(appliedAtKill < total, "the silo is killed mid-stream");

            var next = await cluster.StartAdditionalSiloAsync();
            await KafkaSilos.StartAgentsAsync(cluster, next);

            await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == total, Deadline, "every record is applied after the restart");
            await WaitForCommitAtEndAsync(topic, partitions: 2);
        }
        finally
        {
            await watch.CancelAsync();
            await watcher;
            await cluster.DisposeAsync();
        }

        Assert.Empty(violations);
        Assert.True(AppliedLog.All(topic).Count >= total);
    }

    [Fact]
    public async Task BrokerDownForTenSeconds_ConsumptionResumes_NothingLost()
    {
        await using var outageCluster = EmbeddedKafkaCluster.Start();
        var topic = $"outage-{Guid.NewGuid():N}";
        var dlq = $"{topic}-dlq";
        outageCluster.CreateTopic(topic, 2);
        outageCluster.CreateTopic(dlq, 1);
        using var producer = new KafkaTestProducer(outageCluster.BootstrapServers);
        for (var i = 0; i < 10; i++)
        {
            await producer.ProduceAsync(topic, $"outage/m{i}", ModelEventJson.Initiate($"outage/m{i}", $"before-{i}"), partition: i % 2);
        }

        await using var cluster = await KafkaSilos.StartAsync(outageCluster.BootstrapServers, topic, dlq);
        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == 10, Deadline, "the records before the outage are applied");

        outageCluster.SetBrokerDown(1);
        await Task.Delay(TimeSpan.FromSeconds(10));
        outageCluster.SetBrokerUp(1);

        for (var i = 0; i < 10; i++)
        {
            await producer.ProduceAsync(topic, $"outage/m{i}", ModelEventJson.Initiate($"outage/m{i}", $"after-{i}"), partition: i % 2);
        }

        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == 20, Deadline, "the records after the outage are applied");
        await Wait.UntilAsync(
            () =>
            {
                var committed = KafkaRecordReader.GetCommittedOffsets(outageCluster.BootstrapServers, $"group-{topic}", topic);
                return committed.Values.All(c => c == 10);
            },
            Deadline,
            "offsets are committed again after the outage");
    }

    [Fact]
    public async Task TwoSilos_SplitThePartitions_AndAKilledSilosPartitionsAreTakenOver()
    {
        const int partitions = 16;
        var (topic, dlq) = CreateTopics("split", partitions);
        await using var cluster = await KafkaSilos.StartAsync(kafka.BootstrapServers, topic, dlq, silos: 2);
        var (first, second) = (cluster.Silos[0], cluster.Silos[1]);

        await Wait.UntilAsync(
            () => KafkaSilos.OwnedPartitions(cluster, first).Count + KafkaSilos.OwnedPartitions(cluster, second).Count == partitions,
            Deadline,
            "every partition has an owner");
        var firstOwns = KafkaSilos.OwnedPartitions(cluster, first);
        var secondOwns = KafkaSilos.OwnedPartitions(cluster, second);
        Assert.NotEmpty(firstOwns);
        Assert.NotEmpty(secondOwns);
        Assert.Empty(firstOwns.Intersect(secondOwns));

        using var producer = new KafkaTestProducer(kafka.BootstrapServers);
        for (var p = 0; p < partitions; p++)
        {
            await producer.ProduceAsync(topic, $"split/m{p}", ModelEventJson.Initiate($"split/m{p}", $"first-{p}"), partition: p);
        }

        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == partitions, Deadline, "both silos' partitions are read");

        await cluster.KillSiloAsync(second);
        await Wait.UntilAsync(
            () => KafkaSilos.OwnedPartitions(cluster, first).Count == partitions,
            Deadline,
            "the surviving silo takes over the killed silo's partitions");

        for (var p = 0; p < partitions; p++)
        {
            await producer.ProduceAsync(topic, $"split/m{p}", ModelEventJson.Initiate($"split/m{p}", $"second-{p}"), partition: p);
        }

        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == 2 * partitions, Deadline, "records of every partition are applied after the takeover");
    }

    [Fact]
    public async Task StuckGrain_PausesItsPartition_WithBoundedPendingRecords_WhileOtherPartitionsFlow()
    {
        var (topic, dlq) = CreateTopics("stuck", partitions: 2);
        const string stuck = "stuck/blocked";
        var release = GrainBehavior.Block(stuck);
        const int maxPending = 50;
        using var producer = new KafkaTestProducer(kafka.BootstrapServers);
        producer.ProduceMany(topic, Enumerable.Range(0, 600).Select(i => (0, stuck, ModelEventJson.Initiate(stuck, $"s{i}"))));

        await using var cluster = await KafkaSilos.StartAsync(
            kafka.BootstrapServers, topic, dlq, kafka: o => o.MaxPendingRecordsPerPartition = maxPending);
        var silo = cluster.Silos[0];
        var factory = (Kafka.Providers.KafkaAdapterFactory)cluster.GetSiloServiceProvider(silo.SiloAddress)
            .GetRequiredKeyedService<Orleans.Streams.IQueueAdapterFactory>(KafkaSilos.Provider);

        await Wait.UntilAsync(() => factory.PausedPartitions.Contains(0), Deadline, "the stuck grain's partition is paused");
        await Wait.HoldsForAsync(
            () => factory.PendingRecords(0) <= maxPending + PrefetchSlack && AppliedLog.DistinctCount(topic) == 0,
            TimeSpan.FromSeconds(2),
            "the stuck partition's pending records stay bounded");

        for (var i = 0; i < 20; i++)
        {
            await producer.ProduceAsync(topic, $"stuck/free-{i}", ModelEventJson.Initiate($"stuck/free-{i}", $"f{i}"), partition: 1);
        }

        await Wait.UntilAsync(() => AppliedLog.All(topic).Count(a => a.Partition == 1) == 20, Deadline, "the other partition keeps flowing");

        release.SetResult();
        await Wait.UntilAsync(() => AppliedLog.DistinctCount(topic) == 620, Deadline, "the stuck partition drains once the grain recovers");
        await Wait.UntilAsync(() => factory.PausedPartitions.Count == 0, Deadline, "the partition resumes once its records are done");
    }

    /// <summary>librdkafka drops what it prefetched for a paused partition; allow a few records of overshoot.</summary>
    private const int PrefetchSlack = 5;

    private void WatchCommitsNeverPassUnapplied(string topic, List<string> violations, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // Committed first, applied second: applied only grows, so a correct provider always passes.
            var committed = KafkaRecordReader.GetCommittedOffsets(kafka.BootstrapServers, $"group-{topic}", topic);
            var applied = AppliedLog.Positions(topic);
            foreach (var (partition, offset) in committed)
            {
                for (var o = 0L; o < offset; o++)
                {
                    if (!applied.Contains((partition, o)))
                    {
                        lock (violations)
                        {
                            violations.Add($"partition {partition} committed {offset} before offset {o} was applied");
                        }

                        break;
                    }
                }
            }

            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
        }
    }

    private (string Topic, string DeadLetters) CreateTopics(string prefix, int partitions) =>
        (kafka.CreateTopic(prefix, partitions), kafka.CreateTopic($"{prefix}-dlq", 1));

    /// <summary>A stable spread of models over partitions (any fixed function will do for the test).</summary>
    private static int PartitionOf(string model, int partitions) =>
        (int)(model.Aggregate(17u, (hash, c) => (hash * 31) + c) % (uint)partitions);

    private async Task WaitForCommitAtEndAsync(string topic, int partitions) =>
        await Wait.UntilAsync(
            () =>
            {
                var committed = KafkaRecordReader.GetCommittedOffsets(kafka.BootstrapServers, $"group-{topic}", topic);
                var ends = EndOffsets(topic, partitions);
                return ends.All(e => committed.TryGetValue(e.Key, out var c) && c == e.Value);
            },
            Deadline,
            "every partition's committed offset reaches its end");

    private Dictionary<int, long> EndOffsets(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "watermarks" })
            .SetLogHandler((_, _) => { })
            .Build();
        return Enumerable.Range(0, partitions).ToDictionary(
            p => p,
            p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, new Partition(p)), TimeSpan.FromSeconds(5)).High.Value);
    }
}
