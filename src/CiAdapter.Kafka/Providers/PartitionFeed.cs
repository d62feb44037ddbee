using CiAdapter.Kafka.Diagnostics;
using CiAdapter.Kafka.Records;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>
/// One owned partition between Kafka and its pulling agent: decoded events wait here for the
/// agent, bad records go to the dead-letter topic, and the commit point only ever passes records
/// that were applied or dead-lettered (the highest contiguous done offset, plus one).
/// </summary>
/// <remarks>
/// Filled by the consumer thread, drained and acknowledged by the agent, completed by
/// dead-letter acknowledgements on the thread pool: every member takes the same lock.
/// </remarks>
internal sealed partial class PartitionFeed : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<PendingRecord> _pending = new();
    private readonly Dictionary<long, PendingRecord> _byOffset = [];
    private readonly Queue<PendingRecord> _ready = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly ModelEventDecoder _decoder;
    private readonly DeadLetterProducer _deadLetters;
    private readonly IPartitionFlowControl _flow;
    private readonly KafkaStreamMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxPendingRecords;
    private readonly long _maxPendingBytes;
    private readonly string _streamNamespace;

    private long _pendingBytes;
    private long _lastAccepted = -1;
    private long _firstAccepted = -1;
    private long _committable = -1;
    private long _committed = -1;
    private bool _paused;
    private bool _closed;

    public PartitionFeed(
        string topic,
        int partition,
        KafkaStreamOptions options,
        DeadLetterProducer deadLetters,
        IPartitionFlowControl flow,
        KafkaStreamMetrics metrics,
        ILogger logger)
    {
        TopicPartition = new TopicPartition(topic, new Partition(partition));
        _decoder = new ModelEventDecoder(options.MaxRecordBytes);
        _deadLetters = deadLetters;
        _flow = flow;
        _metrics = metrics;
        _logger = logger;
        _maxPendingRecords = options.MaxPendingRecordsPerPartition;
        _maxPendingBytes = options.MaxPendingBytesPerPartition;
        _streamNamespace = options.StreamNamespace;
    }

    public TopicPartition TopicPartition { get; }

    public int Partition => TopicPartition.Partition.Value;

    public bool IsPaused
    {
        get
        {
            lock (_gate)
            {
                return _paused;
            }
        }
    }

    /// <summary>Records read and not yet done (waiting for the agent, in its cache, or being dead-lettered).</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Takes a record from the consumer thread: an event for the agent, or a dead letter.</summary>
    public void Accept(ConsumeResult<byte[]?, byte[]?> result)
    {
        var message = result.Message;
        var source = new SourceRecord(result.Topic, result.Partition.Value, result.Offset.Value, message.Key, message.Value, message.Headers);
        var decoded = _decoder.Decode(source.Topic, source.Partition, source.Offset, source.Value);

        PendingRecord record;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            if (source.Offset <= _lastAccepted)
            {
                // A fetch restarted below what we hold (e.g. after resume): we already have it.
                LogStaleRecord(source.Topic, source.Partition, source.Offset, _lastAccepted);
                return;
            }

            if (_firstAccepted < 0)
            {
                _firstAccepted = source.Offset;
            }

            _lastAccepted = source.Offset;
            var container = decoded.IsEvent
                ? new KafkaBatchContainer(
                    StreamId.Create(_streamNamespace, decoded.Event.ModelId),
                    decoded.Event,
                    new EventSequenceTokenV2(source.Offset))
                : null;
            record = new PendingRecord(source, container) { DeadLettering = !decoded.IsEvent };
            _pending.Enqueue(record);
            _byOffset.Add(source.Offset, record);
            _pendingBytes += source.Size;
            if (decoded.IsEvent)
            {
                _ready.Enqueue(record);
            }

            UpdateFlow();
        }

        _metrics.RecordConsumed(source.Topic);
        if (!decoded.IsEvent)
        {
            _ = DeadLetterAsync(record, decoded.DeadLetter);
        }
    }

    /// <summary>Hands up to <paramref name="maxCount"/> (negative: all) waiting events to the agent, without waiting.</summary>
    public IList<IBatchContainer> Drain(int maxCount)
    {
        lock (_gate)
        {
            var count = maxCount < 0 ? _ready.Count : Math.Min(maxCount, _ready.Count);
            if (count == 0)
            {
                return [];
            }

            var batch = new List<IBatchContainer>(count);
            for (var i = 0; i < count; i++)
            {
                batch.Add(_ready.Dequeue().Container!);
            }

            return batch;
        }
    }

    /// <summary>Every subscriber applied these: the cache purged them, or their stream's cursor moved past them.</summary>
    public void MarkDelivered(IList<IBatchContainer> messages)
    {
        var delivered = 0;
        lock (_gate)
        {
            foreach (var message in messages)
            {
                if (message is KafkaBatchContainer container
                    && _byOffset.TryGetValue(container.Offset, out var record)
                    && !record.Done)
                {
                    record.Done = true;
                    delivered++;
                }
            }

            Advance();
            UpdateFlow();
        }

        if (delivered > 0)
        {
            _metrics.RecordDelivered(TopicPartition.Topic, delivered);
        }
    }

    /// <summary>
    /// Dead-letters the record at <paramref name="offset"/> whose delivery to <paramref name="streamId"/>
    /// failed for good. Returns false when this feed does not hold such a record.
    /// </summary>
    public bool TryDeadLetterUndelivered(StreamId streamId, long offset)
    {
        PendingRecord? record;
        lock (_gate)
        {
            if (!_byOffset.TryGetValue(offset, out record) || record.Container?.StreamId != streamId)
            {
                return false;
            }

            if (record.Done || record.DeadLettering || _closed)
            {
                return true;
            }

            record.DeadLettering = true;
        }

        _ = DeadLetterAsync(record, new DeadLetterVerdict(
            DeadLetterReasons.DeliveryFailed,
            $"the grain of model '{record.Container.Event.ModelId}' kept failing to apply event '{record.Container.Event.EventId}' until the delivery deadline passed"));
        return true;
    }

    /// <summary>The offset to commit next, when it moved past what was committed.</summary>
    public long? TakeCommittable()
    {
        lock (_gate)
        {
            return _committable > _committed ? _committable : null;
        }
    }

    public void ConfirmCommitted(long offset)
    {
        long advanced;
        lock (_gate)
        {
            if (offset <= _committed)
            {
                return;
            }

            advanced = offset - (_committed >= 0 ? _committed : _firstAccepted);
            _committed = offset;
        }

        _metrics.RecordCommitted(TopicPartition.Topic, advanced);
    }

    /// <summary>Stops taking records; dead-letter writes still under way are abandoned (their offsets stay uncommitted).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _ready.Clear();
        }

        _closing.Cancel();
    }

    public void Dispose()
    {
        Close();
        _closing.Dispose();
    }

    private async Task DeadLetterAsync(PendingRecord record, DeadLetterVerdict verdict)
    {
        try
        {
            await _deadLetters.WriteAsync(record.Source, verdict, _closing.Token).ConfigureAwait(false);
            lock (_gate)
            {
                record.Done = true;
                Advance();
                UpdateFlow();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            LogDeadLetterAbandoned(record.Source.Topic, record.Source.Partition, record.Offset, verdict.Reason);
        }
        catch (Exception e)
        {
            LogDeadLetterFailed(e, record.Source.Topic, record.Source.Partition, record.Offset, verdict.Reason);
        }
    }

    /// <summary>Moves the commit point over the done records at the head (lock held).</summary>
    private void Advance()
    {
        while (_pending.TryPeek(out var head) && head.Done)
        {
            _pending.Dequeue();
            _byOffset.Remove(head.Offset);
            _pendingBytes -= head.Source.Size;
            _committable = head.Offset + 1;
        }
    }

    /// <summary>Pauses at the bound, resumes at half of it (lock held, so pause and resume never cross).</summary>
    private void UpdateFlow()
    {
        if (_closed)
        {
            return;
        }

        if (!_paused && (_pending.Count >= _maxPendingRecords || _pendingBytes >= _maxPendingBytes))
        {
            if (_flow.TryPause(TopicPartition))
            {
                _paused = true;
                LogPaused(TopicPartition.Topic, Partition, _pending.Count, _pendingBytes);
            }
        }
        else if (_paused && _pending.Count <= _maxPendingRecords / 2 && _pendingBytes <= _maxPendingBytes / 2)
        {
            if (_flow.TryResume(TopicPartition))
            {
                _paused = false;
                LogResumed(TopicPartition.Topic, Partition, _pending.Count);
            }
        }
    }

    [LoggerMessage(EventId = KafkaLogEvents.StaleRecordDropped, Level = LogLevel.Debug,
        Message = "Ignored {Topic}[{Partition}]@{Offset}: already read up to offset {LastAccepted}.")]
    private partial void LogStaleRecord(string topic, int partition, long offset, long lastAccepted);

    [LoggerMessage(EventId = KafkaLogEvents.PartitionPaused, Level = LogLevel.Warning,
        Message = "Paused {Topic}[{Partition}]: {PendingRecords} records ({PendingBytes} bytes) are read but not yet applied; a grain is slow or stuck, or the dead-letter topic is unreachable.")]
    private partial void LogPaused(string topic, int partition, int pendingRecords, long pendingBytes);

    [LoggerMessage(EventId = KafkaLogEvents.PartitionResumed, Level = LogLevel.Information,
        Message = "Resumed {Topic}[{Partition}] with {PendingRecords} records pending.")]
    private partial void LogResumed(string topic, int partition, int pendingRecords);

    [LoggerMessage(EventId = KafkaLogEvents.DeadLetterAbandoned, Level = LogLevel.Information,
        Message = "Stopped dead-lettering {Topic}[{Partition}]@{Offset} ({Reason}): the partition was released; its next reader handles the record again.")]
    private partial void LogDeadLetterAbandoned(string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = KafkaLogEvents.DeadLetterFailed, Level = LogLevel.Error,
        Message = "Dead-lettering {Topic}[{Partition}]@{Offset} ({Reason}) failed unexpectedly; the partition's commit stays behind it until the partition is read again.")]
    private partial void LogDeadLetterFailed(Exception exception, string topic, int partition, long offset, string reason);
}
