using CiAdapter.Kafka.Embedded;

namespace CiAdapter.Silo.Events;

/// <summary>
/// The Kafka cluster this service reads from: the configured one, or the local default's embedded
/// one, which this object owns and stops when the host is disposed (after the silo has stopped).
/// </summary>
public sealed class KafkaEndpoint(string bootstrapServers, string topic, string deadLetterTopic, EmbeddedKafkaCluster? embedded = null)
    : IAsyncDisposable
{
    public string BootstrapServers { get; } = bootstrapServers;

    public string Topic { get; } = topic;

    public string DeadLetterTopic { get; } = deadLetterTopic;

    public bool IsEmbedded => embedded is not null;

    public ValueTask DisposeAsync() => embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
