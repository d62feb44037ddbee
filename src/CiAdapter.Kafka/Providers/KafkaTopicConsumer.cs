using System.Collections.Concurrent;
using CiAdapter.Kafka.Diagnostics;
using CiAdapter.Kafka.Records;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace CiAdapter.Kafka.Providers;

/// <summary>
/// The silo's single Kafka consumer for one provider. Orleans decides which partitions this silo
/// owns; each owned partition is assigned by hand (never <c>Subscribe</c>, whose group rebalances
/// would fight Orleans' balancer) starting from its committed offset. A dedicated thread consumes
/// into the partitions' feeds, so no pulling agent ever blocks on Kafka; another commits the done
/// offsets periodically.
/// </summary>
internal sealed partial class KafkaTopicConsumer : IPartitionFlowControl, IAsyncDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, PartitionFeed> _feeds = new();
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startGate = new();
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly KafkaStreamOptions _options;
    private readonly DeadLetterProducer _deadLetters;
    private readonly KafkaStreamMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private Thread? _consumeThread;
    private Thread? _commitThread;
    private int _disposed;

    public KafkaTopicConsumer(
        string clientId,
        KafkaStreamOptions options,
        DeadLetterProducer deadLetters,
        KafkaStreamMetrics metrics,
        ILoggerFactory loggerFactory)
    {
        _options = options;
        _deadLetters = deadLetters;
        _metrics = metrics;
        _logger = loggerFactory.CreateLogger<KafkaTopicConsumer>();
        _loggerFactory = loggerFactory;
        var logger = _logger;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Consumer(options, clientId))
            .SetLogHandler((_, message) => KafkaClientLog.Forward(logger, message))
            .SetErrorHandler((_, error) => KafkaClientLog.Error(logger, clientId, error))
            .Build();
        metrics.ObservePartitions(options.Topic, CountPaused, CountPending);
    }

    public string Topic => _options.Topic;

    /// <summary>Partitions this silo currently reads.</summary>
    public IReadOnlyCollection<int> OwnedPartitions => [.. _feeds.Keys.Order()];

    public IReadOnlyCollection<int> PausedPartitions => [.. _feeds.Values.Where(f => f.IsPaused).Select(f => f.Partition).Order()];

    public int PendingRecords(int partition) => _feeds.TryGetValue(partition, out var feed) ? feed.PendingCount : 0;

    /// <summary>Starts reading <paramref name="partition"/> from its committed offset (the earliest when none).</summary>
    public PartitionFeed Open(int partition)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        EnsureThreadsStarted();

        var feed = new PartitionFeed(_options.Topic, partition, _options, _deadLetters, this, _metrics, _loggerFactory.CreateLogger<PartitionFeed>());
        if (_feeds.TryRemove(partition, out var previous))
        {
            // Orleans hands a queue back before releasing it only if a shutdown failed; start clean.
            previous.Dispose();
            Unassign(previous);
        }

        _feeds[partition] = feed;
        _consumer.IncrementalAssign([new TopicPartitionOffset(feed.TopicPartition, Offset.Stored)]);
        LogAssigned(_options.Topic, partition);
        return feed;
    }

    /// <summary>Stops reading the feed's partition and commits what is done, waiting at most <paramref name="timeout"/>.</summary>
    public async Task ReleaseAsync(PartitionFeed feed, TimeSpan timeout)
    {
        if (!_feeds.TryRemove(new KeyValuePair<int, PartitionFeed>(feed.Partition, feed)))
        {
            return;
        }

        feed.Close();
        Unassign(feed);
        var committed = await CommitAsync([feed], timeout).ConfigureAwait(false);
        feed.Dispose();
        LogReleased(_options.Topic, feed.Partition, committed);
    }

    /// <summary>Marks a record applied by its grain, when this silo still reads its partition.</summary>
    public void MarkApplied(int partition, KafkaBatchContainer container)
    {
        if (_feeds.TryGetValue(partition, out var feed))
        {
            feed.MarkDelivered([container]);
        }
    }

    /// <summary>Routes a delivery failure reported by the pulling agent of <paramref name="partition"/>.</summary>
    public bool TryDeadLetterUndelivered(int partition, StreamId streamId, long offset) =>
        _feeds.TryGetValue(partition, out var feed) && feed.TryDeadLetterUndelivered(streamId, offset);

    public bool TryPause(TopicPartition partition) => TryFlow(partition, pause: true);

    public bool TryResume(TopicPartition partition) => TryFlow(partition, pause: false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        var feeds = _feeds.Values.ToList();
        _feeds.Clear();
        foreach (var feed in feeds)
        {
            feed.Close();
        }

        // The threads notice the stop within one poll; joining off the caller's thread keeps shutdown responsive.
        var stopped = Task.Run(() =>
        {
            _consumeThread?.Join();
            _commitThread?.Join();
            CommitNow(feeds);
            _consumer.Close();
            _consumer.Dispose();
        });
        try
        {
            await stopped.WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogCloseTimedOut(_options.Topic, CloseTimeout.TotalSeconds);
        }
        catch (KafkaException e)
        {
            LogConsumeFailed(e, _options.Topic, e.Error.Code);
        }

        foreach (var feed in feeds)
        {
            feed.Dispose();
        }

        LogStopped(_options.Topic);
    }

    private void EnsureThreadsStarted()
    {
        lock (_startGate)
        {
            if (_consumeThread is not null)
            {
                return;
            }

            _consumeThread = new Thread(ConsumeLoop) { IsBackground = true, Name = $"kafka-consume-{_options.Topic}" };
            _commitThread = new Thread(CommitLoop) { IsBackground = true, Name = $"kafka-commit-{_options.Topic}" };
            _consumeThread.Start();
            _commitThread.Start();
        }
    }

    private void ConsumeLoop()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer.Consume(PollTimeout);
            }
            catch (ConsumeException e)
            {
                // Broker trouble surfaces here and through the error handler; librdkafka reconnects by itself.
                LogConsumeFailed(e, _options.Topic, e.Error.Code);
                token.WaitHandle.WaitOne(PollTimeout);
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            if (result?.Message is null)
            {
                continue;
            }

            if (!_feeds.TryGetValue(result.Partition.Value, out var feed))
            {
                continue;
            }

            try
            {
                feed.Accept(result);
            }
            catch (Exception e)
            {
                LogAcceptFailed(e, result.Topic, result.Partition.Value, result.Offset.Value);
            }
        }
    }

    private void CommitLoop()
    {
        var token = _stopping.Token;
        while (!token.WaitHandle.WaitOne(_options.CommitInterval))
        {
            if (_commitGate.Wait(0))
            {
                try
                {
                    CommitNow(_feeds.Values);
                }
                finally
                {
                    _commitGate.Release();
                }
            }
        }
    }

    private async Task<bool> CommitAsync(IReadOnlyCollection<PartitionFeed> feeds, TimeSpan timeout)
    {
        var commit = Task.Run(() =>
        {
            if (!_commitGate.Wait(timeout))
            {
                return false;
            }

            try
            {
                return CommitNow(feeds);
            }
            finally
            {
                _commitGate.Release();
            }
        });
        try
        {
            return await commit.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            foreach (var feed in feeds)
            {
                LogFinalCommitSkipped(_options.Topic, feed.Partition, timeout.TotalSeconds);
            }

            return false;
        }
    }

    /// <summary>Commits, in one request, every feed whose done offset moved (commit gate held).</summary>
    private bool CommitNow(IEnumerable<PartitionFeed> feeds)
    {
        var offsets = new List<(PartitionFeed Feed, TopicPartitionOffset Offset)>();
        foreach (var feed in feeds)
        {
            if (feed.TakeCommittable() is { } offset)
            {
                offsets.Add((feed, new TopicPartitionOffset(feed.TopicPartition, new Offset(offset))));
            }
        }

        if (offsets.Count == 0)
        {
            return true;
        }

        try
        {
            _consumer.Commit(offsets.Select(o => o.Offset));
            foreach (var (feed, offset) in offsets)
            {
                feed.ConfirmCommitted(offset.Offset.Value);
            }

            return true;
        }
        catch (TopicPartitionOffsetException e)
        {
            foreach (var result in e.Results)
            {
                var entry = offsets.FirstOrDefault(o => o.Offset.TopicPartition == result.TopicPartition);
                if (entry.Feed is null)
                {
                    continue;
                }

                if (result.Error.IsError)
                {
                    _metrics.RecordCommitFailure(_options.Topic);
                    LogCommitFailed(_options.Topic, result.Partition.Value, result.Offset.Value, result.Error.Code, result.Error.Reason);
                }
                else
                {
                    entry.Feed.ConfirmCommitted(entry.Offset.Offset.Value);
                }
            }

            return false;
        }
        catch (KafkaException e)
        {
            foreach (var (_, offset) in offsets)
            {
                _metrics.RecordCommitFailure(_options.Topic);
                LogCommitFailed(_options.Topic, offset.Partition.Value, offset.Offset.Value, e.Error.Code, e.Error.Reason);
            }

            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private void Unassign(PartitionFeed feed)
    {
        try
        {
            _consumer.IncrementalUnassign([feed.TopicPartition]);
        }
        catch (KafkaException e)
        {
            LogConsumeFailed(e, _options.Topic, e.Error.Code);
        }
    }

    private bool TryFlow(TopicPartition partition, bool pause)
    {
        try
        {
            if (pause)
            {
                _consumer.Pause([partition]);
            }
            else
            {
                _consumer.Resume([partition]);
            }

            return true;
        }
        catch (Exception e) when (e is KafkaException or ObjectDisposedException)
        {
            LogFlowFailed(e, partition.Topic, partition.Partition.Value, pause ? "pause" : "resume");
            return false;
        }
    }

    private int CountPaused() => _feeds.Values.Count(f => f.IsPaused);

    private long CountPending() => _feeds.Values.Sum(f => (long)f.PendingCount);

    [LoggerMessage(EventId = KafkaLogEvents.PartitionAssigned, Level = LogLevel.Information,
        Message = "Reading {Topic}[{Partition}] from its committed offset.")]
    private partial void LogAssigned(string topic, int partition);

    [LoggerMessage(EventId = KafkaLogEvents.PartitionReleased, Level = LogLevel.Information,
        Message = "Released {Topic}[{Partition}] (final commit {Committed}).")]
    private partial void LogReleased(string topic, int partition, bool committed);

    [LoggerMessage(EventId = KafkaLogEvents.ConsumeFailed, Level = LogLevel.Warning,
        Message = "Reading {Topic} failed with {Code}; retrying.")]
    private partial void LogConsumeFailed(Exception exception, string topic, ErrorCode code);

    [LoggerMessage(EventId = KafkaLogEvents.RecordNotAccepted, Level = LogLevel.Error,
        Message = "Could not take {Topic}[{Partition}]@{Offset} into its feed; it stays uncommitted.")]
    private partial void LogAcceptFailed(Exception exception, string topic, int partition, long offset);

    [LoggerMessage(EventId = KafkaLogEvents.CommitFailed, Level = LogLevel.Warning,
        Message = "Committing {Topic}[{Partition}] at offset {Offset} failed: {Code} {Reason}. Retrying at the next interval.")]
    private partial void LogCommitFailed(string topic, int partition, long offset, ErrorCode code, string reason);

    [LoggerMessage(EventId = KafkaLogEvents.FinalCommitSkipped, Level = LogLevel.Warning,
        Message = "The final commit of {Topic}[{Partition}] did not finish within {TimeoutSeconds} s; its next reader starts from the previous commit (records in between are delivered again).")]
    private partial void LogFinalCommitSkipped(string topic, int partition, double timeoutSeconds);

    [LoggerMessage(EventId = KafkaLogEvents.FlowChangeFailed, Level = LogLevel.Warning,
        Message = "Could not {Action} {Topic}[{Partition}].")]
    private partial void LogFlowFailed(Exception exception, string topic, int partition, string action);

    [LoggerMessage(EventId = KafkaLogEvents.ConsumerCloseTimedOut, Level = LogLevel.Warning,
        Message = "The consumer of {Topic} did not close within {TimeoutSeconds} s; abandoning it.")]
    private partial void LogCloseTimedOut(string topic, double timeoutSeconds);

    [LoggerMessage(EventId = KafkaLogEvents.ConsumerStopped, Level = LogLevel.Information,
        Message = "The consumer of {Topic} stopped.")]
    private partial void LogStopped(string topic);
}
