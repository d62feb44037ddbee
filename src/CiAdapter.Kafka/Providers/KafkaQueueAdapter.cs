using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>Read-only: events enter through the Kafka topic, never through an Orleans producer.</summary>
internal sealed class KafkaQueueAdapter(string name, KafkaTopicConsumer consumer, HashRingBasedPartitionedStreamQueueMapper mapper) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new KafkaQueueAdapterReceiver(KafkaAdapterFactory.PartitionOf(mapper, queueId), consumer);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException($"Stream provider '{name}' is read-only: publish certification events to the Kafka topic '{consumer.Topic}'.");
}
