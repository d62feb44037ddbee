using Confluent.Kafka;

namespace CiAdapter.Kafka.Providers;

/// <summary>Stops and restarts fetching of one partition without losing its position.</summary>
internal interface IPartitionFlowControl
{
    bool TryPause(TopicPartition partition);

    bool TryResume(TopicPartition partition);
}
