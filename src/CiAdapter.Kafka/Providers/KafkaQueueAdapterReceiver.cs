using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>
/// The pulling agent's view of one partition. Every call returns at once: Kafka is read by the
/// silo's consumer thread, and this receiver only hands over what its feed already holds.
/// </summary>
internal sealed class KafkaQueueAdapterReceiver(int partition, KafkaTopicConsumer consumer) : IQueueAdapterReceiver
{
    private PartitionFeed? _feed;

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _feed = consumer.Open(partition);
        return Task.CompletedTask;
    }

    [Obsolete("Use the overload with a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult(_feed?.Drain(maxCount) ?? []);

    [Obsolete("Use the overload with a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        _feed?.MarkDelivered(messages);
        return Task.CompletedTask;
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _feed, null) is { } feed ? consumer.ReleaseAsync(feed, timeout) : Task.CompletedTask;
}
