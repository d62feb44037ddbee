namespace CiAdapter.Testing.Kafka;

/// <summary>Where one service under test reads its events: a cluster, its own topic, DLQ and consumer group.</summary>
public sealed record ServiceTopics(string BootstrapServers, string Topic, string DeadLetterTopic, string GroupId)
{
    /// <summary>The service's Kafka keys (SPEC §3).</summary>
    public void AddTo(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["KAFKA_BROKERS"] = BootstrapServers;
        settings["KAFKA_TOPIC"] = Topic;
        settings["KAFKA_DLQ_TOPIC"] = DeadLetterTopic;
        settings["KAFKA_GROUP_ID"] = GroupId;
    }
}
