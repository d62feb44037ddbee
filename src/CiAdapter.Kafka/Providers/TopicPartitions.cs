using CiAdapter.Kafka.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Kafka.Providers;

/// <summary>Learns a topic's partitions from the cluster's metadata at start-up.</summary>
internal static partial class TopicPartitions
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Returns the partition ids of <see cref="KafkaStreamOptions.Topic"/>, retrying until
    /// <see cref="KafkaStreamOptions.StartupMetadataTimeout"/>, then failing with a clear message.
    /// </summary>
    public static async Task<IReadOnlyList<int>> DiscoverAsync(
        string providerName, KafkaStreamOptions options, ILogger logger, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var config = KafkaClientConfigs.Admin(options, $"{providerName}-metadata");
        using var admin = new AdminClientBuilder(config)
            .SetLogHandler((_, message) => KafkaClientLog.Forward(logger, message))
            .Build();
        var deadline = timeProvider.GetUtcNow() + options.StartupMetadataTimeout;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            string problem;
            try
            {
                // All topics, not just ours: asking for one by name may auto-create it on some brokers.
                var metadata = await Task.Run(() => admin.GetMetadata(RequestTimeout), cancellationToken).ConfigureAwait(false);
                var topic = metadata.Topics.FirstOrDefault(t => t.Topic == options.Topic);
                if (topic is { Error.IsError: false, Partitions.Count: > 0 })
                {
                    if (!metadata.Topics.Any(t => t.Topic == options.DeadLetterTopic && !t.Error.IsError))
                    {
                        LogDeadLetterTopicMissing(logger, options.DeadLetterTopic);
                    }

                    IReadOnlyList<int> partitions = [.. topic.Partitions.Select(p => p.PartitionId).Order()];
                    LogDiscovered(logger, options.Topic, partitions.Count);
                    return partitions;
                }

                problem = topic is null ? "the topic does not exist" : $"{topic.Error.Code}: {topic.Error.Reason}";
            }
            catch (KafkaException e)
            {
                problem = $"{e.Error.Code}: {e.Error.Reason}";
            }

            if (timeProvider.GetUtcNow() + delay > deadline)
            {
                throw new InvalidOperationException(
                    $"Kafka stream provider '{providerName}': could not read the partitions of topic '{options.Topic}' from {options.BootstrapServers} within {options.StartupMetadataTimeout.TotalSeconds:0.#} s ({problem}).");
            }

            LogRetry(logger, options.Topic, attempt, problem);
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(EventId = KafkaLogEvents.PartitionsDiscovered, Level = LogLevel.Information,
        Message = "Topic {Topic} has {PartitionCount} partition(s); each becomes one Orleans stream queue.")]
    private static partial void LogDiscovered(ILogger logger, string topic, int partitionCount);

    [LoggerMessage(EventId = KafkaLogEvents.MetadataRetry, Level = LogLevel.Warning,
        Message = "Topic {Topic} is not readable yet (attempt {Attempt}): {Problem}.")]
    private static partial void LogRetry(ILogger logger, string topic, int attempt, string problem);

    [LoggerMessage(EventId = KafkaLogEvents.DeadLetterTopicMissing, Level = LogLevel.Warning,
        Message = "The dead-letter topic {DeadLetterTopic} does not exist; bad records will wait (and hold back their partition's commit) until it does.")]
    private static partial void LogDeadLetterTopicMissing(ILogger logger, string deadLetterTopic);
}
