using CiAdapter.Kafka.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>
/// Called by a partition's pulling agent when an event could not be applied until
/// <c>StreamPullingAgentOptions.MaxEventDeliveryTime</c> passed. The agent then skips the event,
/// and its cache never reports it delivered, so we dead-letter it (reason <c>delivery-failed</c>)
/// and only then let the partition's commit pass it. Orleans swallows our exceptions: we log them.
/// </summary>
internal sealed partial class KafkaDeliveryFailureHandler(int partition, KafkaTopicConsumer consumer, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        try
        {
            if (sequenceToken is null)
            {
                LogUnknownRecord(consumer.Topic, partition, -1, streamIdentity);
                return Task.CompletedTask;
            }

            LogDeliveryFailed(consumer.Topic, partition, sequenceToken.SequenceNumber, streamIdentity);
            if (!consumer.TryDeadLetterUndelivered(partition, streamIdentity, sequenceToken.SequenceNumber))
            {
                LogUnknownRecord(consumer.Topic, partition, sequenceToken.SequenceNumber, streamIdentity);
            }
        }
        catch (Exception e)
        {
            LogHandlerFailed(e, consumer.Topic, partition);
        }

        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(consumer.Topic, partition, streamIdentity);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = KafkaLogEvents.DeliveryFailed, Level = LogLevel.Error,
        Message = "{Topic}[{Partition}]@{Offset} could not be applied to stream {StreamId} before the delivery deadline; dead-lettering it.")]
    private partial void LogDeliveryFailed(string topic, int partition, long offset, StreamId streamId);

    [LoggerMessage(EventId = KafkaLogEvents.DeliveryFailureUnknownRecord, Level = LogLevel.Warning,
        Message = "Delivery of {Topic}[{Partition}]@{Offset} to stream {StreamId} failed, but this silo no longer holds that record; its next reader delivers it again.")]
    private partial void LogUnknownRecord(string topic, int partition, long offset, StreamId streamId);

    [LoggerMessage(EventId = KafkaLogEvents.DeliveryFailureHandlingFailed, Level = LogLevel.Error,
        Message = "Handling a delivery failure on {Topic}[{Partition}] failed.")]
    private partial void LogHandlerFailed(Exception exception, string topic, int partition);

    [LoggerMessage(EventId = KafkaLogEvents.SubscriptionFailed, Level = LogLevel.Warning,
        Message = "A subscription to stream {StreamId} from {Topic}[{Partition}] failed its handshake; delivery continues from the cache.")]
    private partial void LogSubscriptionFailed(string topic, int partition, StreamId streamId);
}
