namespace CiAdapter.Kafka;

/// <summary>Stops the silo at start-up with one message naming the option at fault.</summary>
internal sealed class KafkaStreamOptionsValidator(KafkaStreamOptions options, string providerName) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (Validate(options) is { } problem)
        {
            throw new OrleansConfigurationException($"Kafka stream provider '{providerName}': {problem}");
        }
    }

    /// <summary>Returns what is wrong with <paramref name="options"/>, or null.</summary>
    internal static string? Validate(KafkaStreamOptions options)
    {
        const string prefix = nameof(KafkaStreamOptions) + ".";
        if (string.IsNullOrWhiteSpace(options.BootstrapServers)
            || options.BootstrapServers.Split(',', StringSplitOptions.TrimEntries).Any(string.IsNullOrEmpty))
        {
            return $"{prefix}{nameof(KafkaStreamOptions.BootstrapServers)} '{options.BootstrapServers}' is not a comma-separated host:port list.";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(KafkaStreamOptions.Topic), options.Topic),
            (nameof(KafkaStreamOptions.ConsumerGroupId), options.ConsumerGroupId),
            (nameof(KafkaStreamOptions.DeadLetterTopic), options.DeadLetterTopic),
            (nameof(KafkaStreamOptions.StreamNamespace), options.StreamNamespace),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return $"{prefix}{name} is empty.";
            }
        }

        if (string.Equals(options.Topic, options.DeadLetterTopic, StringComparison.Ordinal))
        {
            return $"{prefix}{nameof(KafkaStreamOptions.DeadLetterTopic)} '{options.DeadLetterTopic}' is the events topic itself.";
        }

        if (options.MaxRecordBytes < 1)
        {
            return $"{prefix}{nameof(KafkaStreamOptions.MaxRecordBytes)} must be positive (was {options.MaxRecordBytes}).";
        }

        if (options.MaxPendingRecordsPerPartition < 2)
        {
            return $"{prefix}{nameof(KafkaStreamOptions.MaxPendingRecordsPerPartition)} must be at least 2 (was {options.MaxPendingRecordsPerPartition}).";
        }

        if (options.MaxPendingBytesPerPartition < options.MaxRecordBytes)
        {
            return $"{prefix}{nameof(KafkaStreamOptions.MaxPendingBytesPerPartition)} ({options.MaxPendingBytesPerPartition}) must be at least {nameof(KafkaStreamOptions.MaxRecordBytes)} ({options.MaxRecordBytes}).";
        }

        if (options.CommitInterval <= TimeSpan.Zero)
        {
            return $"{prefix}{nameof(KafkaStreamOptions.CommitInterval)} must be positive (was {options.CommitInterval}).";
        }

        if (options.StartupMetadataTimeout <= TimeSpan.Zero)
        {
            return $"{prefix}{nameof(KafkaStreamOptions.StartupMetadataTimeout)} must be positive (was {options.StartupMetadataTimeout}).";
        }

        if (options.PrefetchMaxKilobytes < 1)
        {
            return $"{prefix}{nameof(KafkaStreamOptions.PrefetchMaxKilobytes)} must be positive (was {options.PrefetchMaxKilobytes}).";
        }

        foreach (var key in options.ClientSettings.Keys)
        {
            if (KafkaStreamOptions.ReservedClientSettings.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return $"{prefix}{nameof(KafkaStreamOptions.ClientSettings)} may not set '{key}': the provider owns it.";
            }
        }

        return null;
    }
}
