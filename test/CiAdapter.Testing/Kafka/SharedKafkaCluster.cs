using CiAdapter.Kafka.Embedded;

namespace CiAdapter.Testing.Kafka;

/// <summary>
/// One embedded Kafka-protocol cluster for the whole test process, started on first use and stopped
/// when the process exits. Each service under test gets fresh topics, so none sees another's records.
/// </summary>
public static class SharedKafkaCluster
{
    private static readonly Lazy<EmbeddedKafkaCluster> Cluster = new(() =>
    {
        var cluster = EmbeddedKafkaCluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    });

    public static string BootstrapServers => Cluster.Value.BootstrapServers;

    /// <summary>A new events topic, dead-letter topic and consumer group on the shared cluster.</summary>
    public static ServiceTopics CreateTopics(int partitions = 4)
    {
        var id = Guid.NewGuid().ToString("N");
        var topics = new ServiceTopics(BootstrapServers, $"events-{id}", $"dlq-{id}", $"group-{id}");
        Cluster.Value.CreateTopic(topics.Topic, partitions);
        Cluster.Value.CreateTopic(topics.DeadLetterTopic, 1);
        return topics;
    }
}
