using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>
/// A cursor over one stream that reports each record as applied as soon as the pulling agent moves
/// past it after a successful delivery. Orleans' pulling agent (batch size 1) moves a stream's cursor
/// only once the previous event was delivered, or after a failed one was handed to the delivery
/// failure handler (which dead-letters it). Without this, a record counts as applied only when the
/// cache purges its whole bucket, which at low traffic can take long enough that a graceful shutdown
/// leaves applied records uncommitted and a restart delivers them again.
/// </summary>
internal sealed class AcknowledgingCursor(IQueueCacheCursor inner, Action<KafkaBatchContainer> applied) : IQueueCacheCursor
{
    private KafkaBatchContainer? _current;
    private bool _failed;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        var current = inner.GetCurrent(out exception);
        _current = current as KafkaBatchContainer;
        return current;
    }

    [Obsolete("Use MoveNextWithResult instead.")]
    public bool MoveNext()
    {
        AcknowledgeCurrent();
        return inner.MoveNext();
    }

    public QueueCacheCursorMoveResult MoveNextWithResult()
    {
        AcknowledgeCurrent();
        return inner.MoveNextWithResult();
    }

    public void Refresh(StreamSequenceToken token) => inner.Refresh(token);

    public void RecordDeliveryFailure()
    {
        _failed = true;
        inner.RecordDeliveryFailure();
    }

    public void Dispose() => inner.Dispose();

    private void AcknowledgeCurrent()
    {
        if (_current is { } delivered && !_failed)
        {
            applied(delivered);
        }

        _current = null;
        _failed = false;
    }
}
