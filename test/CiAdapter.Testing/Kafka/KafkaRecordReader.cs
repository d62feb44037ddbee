using System.Text;
using Confluent.Kafka;

namespace CiAdapter.Testing.Kafka;

/// <summary>Reads whole topics (e.g. the dead-letter topic) and committed offsets, without joining any group.</summary>
public static class KafkaRecordReader
{
    /// <summary>Reads every partition of <paramref name="topic"/> from the start until at least <paramref name="minCount"/> records arrived.</summary>
    public static async Task<IReadOnlyList<ReadRecord>> ReadAtLeastAsync(
        string bootstrapServers, string topic, int minCount, TimeSpan timeout)
    {
        var records = new List<ReadRecord>();
        await Task.Run(() =>
        {
            using var consumer = CreateConsumer(bootstrapServers, $"reader-{Guid.NewGuid():N}");
            var partitions = GetPartitions(bootstrapServers, topic);
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, new Partition(p), Offset.Beginning)));
            var deadline = DateTime.UtcNow + timeout;
            while (records.Count < minCount && DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result?.Message is { } message)
                {
                    records.Add(new ReadRecord(
                        result.Partition.Value,
                        result.Offset.Value,
                        message.Key,
                        message.Value,
                        [.. (message.Headers ?? []).Select(h => new KeyValuePair<string, string>(h.Key, Encoding.UTF8.GetString(h.GetValueBytes())))]));
                }
            }
        });

        if (records.Count < minCount)
        {
            throw new TimeoutException($"Read {records.Count} of at least {minCount} record(s) from '{topic}' within {timeout.TotalSeconds:0.#} s.");
        }

        return records;
    }

    /// <summary>The offsets <paramref name="groupId"/> committed for every partition of <paramref name="topic"/> (-1001 when none).</summary>
    public static IReadOnlyDictionary<int, long> GetCommittedOffsets(string bootstrapServers, string groupId, string topic)
    {
        using var consumer = CreateConsumer(bootstrapServers, groupId);
        var partitions = GetPartitions(bootstrapServers, topic);
        var committed = consumer.Committed(
            partitions.Select(p => new TopicPartition(topic, new Partition(p))), TimeSpan.FromSeconds(10));
        return committed.ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }

    public static IReadOnlyList<int> GetPartitions(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers })
            .SetLogHandler((_, _) => { })
            .Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        var topicMetadata = metadata.Topics.Single(t => t.Topic == topic);
        if (topicMetadata.Error.IsError)
        {
            throw new KafkaException(topicMetadata.Error);
        }

        return [.. topicMetadata.Partitions.Select(p => p.PartitionId).Order()];
    }

    private static IConsumer<byte[]?, byte[]?> CreateConsumer(string bootstrapServers, string groupId) =>
        new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        })
        .SetLogHandler((_, _) => { })
        .Build();
}
