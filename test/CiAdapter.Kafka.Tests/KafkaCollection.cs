using CiAdapter.Testing.Kafka;

namespace CiAdapter.Kafka.Tests;

/// <summary>Every test here shares one embedded cluster and runs one at a time (each starts its own silos).</summary>
[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaClusterFixture>
{
    public const string Name = "kafka";
}
