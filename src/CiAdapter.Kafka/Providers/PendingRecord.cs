using CiAdapter.Kafka.Records;

namespace CiAdapter.Kafka.Providers;

/// <summary>A record read from a partition whose offset may not be committed yet.</summary>
internal sealed class PendingRecord(SourceRecord source, KafkaBatchContainer? container)
{
    public SourceRecord Source { get; } = source;

    public long Offset => Source.Offset;

    /// <summary>The stream event, or null for a record that was dead-lettered on arrival.</summary>
    public KafkaBatchContainer? Container { get; } = container;

    /// <summary>Applied by its grain or acknowledged by the dead-letter topic: the commit may pass it.</summary>
    public bool Done { get; set; }

    /// <summary>A dead-letter write is under way (at most one per record).</summary>
    public bool DeadLettering { get; set; }
}
