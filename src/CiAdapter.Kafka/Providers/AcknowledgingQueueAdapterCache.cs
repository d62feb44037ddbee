using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>Orleans' simple cache per queue, with cursors that tell the queue's partition which records were applied.</summary>
internal sealed class AcknowledgingQueueAdapterCache(SimpleQueueAdapterCache inner, Func<QueueId, Action<KafkaBatchContainer>> appliedFor)
    : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) => new AcknowledgingQueueCache(inner.CreateQueueCache(queueId), appliedFor(queueId));
}
