using Confluent.Kafka;

namespace CiAdapter.Kafka.Records;

/// <summary>A record as read from the events topic: what the dead-letter topic must reproduce.</summary>
internal sealed record SourceRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, Headers? Headers)
{
    /// <summary>Bytes this record holds in memory while it is pending.</summary>
    public long Size => (Key?.Length ?? 0) + (Value?.Length ?? 0);
}
