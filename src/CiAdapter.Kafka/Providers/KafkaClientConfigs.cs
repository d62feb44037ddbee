using Confluent.Kafka;

namespace CiAdapter.Kafka.Providers;

/// <summary>The librdkafka settings of each client the provider creates; the rules of SPEC §4 live here.</summary>
internal static class KafkaClientConfigs
{
    /// <summary>Headroom for the dead-letter producer: it must be able to forward any record it could read.</summary>
    private const int DeadLetterMessageMaxBytes = 16 * 1024 * 1024;

    public static ConsumerConfig Consumer(KafkaStreamOptions options, string clientId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,
            // The group only names the offset store: partitions are assigned by hand, never by a rebalance.
            GroupId = options.ConsumerGroupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            QueuedMaxMessagesKbytes = options.PrefetchMaxKilobytes,
            ReconnectBackoffMaxMs = 5_000,
        };
        return WithClientSettings(config, options);
    }

    public static ProducerConfig DeadLetterProducer(KafkaStreamOptions options, string clientId)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            // Surface a dead cluster to our own retry loop (which logs) instead of waiting five minutes.
            MessageTimeoutMs = 30_000,
            MessageMaxBytes = DeadLetterMessageMaxBytes,
            ReconnectBackoffMaxMs = 5_000,
        };
        return WithClientSettings(config, options);
    }

    public static AdminClientConfig Admin(KafkaStreamOptions options, string clientId)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers, ClientId = clientId };
        return WithClientSettings(config, options);
    }

    private static T WithClientSettings<T>(T config, KafkaStreamOptions options)
        where T : ClientConfig
    {
        foreach (var (key, value) in options.ClientSettings)
        {
            config.Set(key, value);
        }

        return config;
    }
}
