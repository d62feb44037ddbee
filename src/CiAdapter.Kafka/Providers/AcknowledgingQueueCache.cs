using System.Diagnostics.CodeAnalysis;
using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>One queue's cache (Orleans' own) whose cursors report applied records; see <see cref="AcknowledgingCursor"/>.</summary>
internal sealed class AcknowledgingQueueCache(IQueueCache inner, Action<KafkaBatchContainer> applied) : IQueueCache
{
    public int GetMaxAddCount() => inner.GetMaxAddCount();

    public void AddToCache(IList<IBatchContainer> messages) => inner.AddToCache(messages);

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems) => inner.TryPurgeFromCache(out purgedItems);

    [Obsolete("Use TryGetCacheCursor instead.")]
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        new AcknowledgingCursor(inner.GetCacheCursor(streamId, token), applied);

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        Wrap(inner.TryGetCacheCursor(streamId, token));

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition) =>
        Wrap(inner.TryGetCacheCursorAtPosition(streamId, startPosition));

    public bool IsUnderPressure() => inner.IsUnderPressure();

    public void UpdateDeliveryProgress(StreamSequenceToken? earliestSubscriptionToken, DateTime utcNow) =>
        inner.UpdateDeliveryProgress(earliestSubscriptionToken, utcNow);

    private QueueCacheCursorResult<IQueueCacheCursor> Wrap(QueueCacheCursorResult<IQueueCacheCursor> result) =>
        result is { Kind: QueueCacheCursorResultKind.Success, Cursor: { } cursor }
            ? QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(new AcknowledgingCursor(cursor, applied))
            : result;
}
