using CiAdapter.Kafka.Embedded;
using Xunit;

namespace CiAdapter.Testing.Kafka;

/// <summary>
/// One embedded Kafka-protocol cluster for a test collection. Tests create their own topics
/// (unique names), so they never see each other's records.
/// </summary>
public sealed class KafkaClusterFixture : IAsyncLifetime
{
    private EmbeddedKafkaCluster? _cluster;
    private int _topicSequence;

    public EmbeddedKafkaCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string BootstrapServers => Cluster.BootstrapServers;

    public Task InitializeAsync()
    {
        _cluster = EmbeddedKafkaCluster.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Creates a topic named after <paramref name="prefix"/> and unique within this fixture.</summary>
    public string CreateTopic(string prefix, int partitions)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _topicSequence)}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 20, 200)];
        Cluster.CreateTopic(name, partitions);
        return name;
    }
}
