using CiAdapter.Kafka.Tests.Providers.Support;
using CiAdapter.Testing.Kafka;
using Confluent.Kafka;

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

        await WaitForCommitAsync(topic, expectedEnd: 30, partitions: 4, perPartition: true);
    }

    private (string Topic, string DeadLetters) CreateTopics(string prefix, int partitions) =>
        (kafka.CreateTopic(prefix, partitions), kafka.CreateTopic($"{prefix}-dlq", 1));

    private static int PartitionOf(string model, int partitions) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(model) % (uint)partitions);

    private async Task WaitForCommitAsync(string topic, long expectedEnd, int partitions, bool perPartition)
    {
        _ = expectedEnd;
        _ = perPartition;
        await Wait.UntilAsync(
            () =>
            {
                var committed = KafkaRecordReader.GetCommittedOffsets(kafka.BootstrapServers, $"group-{topic}", topic);
                var ends = EndOffsets(topic, partitions);
                return ends.All(e => committed.TryGetValue(e.Key, out var c) && c == e.Value);
            },
            Deadline,
            "every partition's committed offset reaches its end");
    }

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
