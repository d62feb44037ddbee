namespace CiAdapter.Kafka.Diagnostics;

/// <summary>Stable event ids of the provider's log messages (an operator's alerts may match on them).</summary>
internal static class KafkaLogEvents
{
    public const int PartitionsDiscovered = 4100;
    public const int MetadataRetry = 4101;
    public const int PartitionAssigned = 4102;
    public const int PartitionReleased = 4103;
    public const int PartitionPaused = 4104;
    public const int PartitionResumed = 4105;
    public const int ConsumeFailed = 4106;
    public const int ClientError = 4107;
    public const int ClientLog = 4108;
    public const int StaleRecordDropped = 4109;
    public const int CommitFailed = 4110;
    public const int FinalCommitSkipped = 4111;
    public const int ConsumerStopped = 4112;
    public const int RecordDeadLettered = 4120;
    public const int DeadLetterRetry = 4121;
    public const int DeadLetterValueOmitted = 4122;
    public const int DeadLetterAbandoned = 4123;
    public const int DeliveryFailed = 4130;
    public const int DeliveryFailureUnknownRecord = 4131;
    public const int SubscriptionFailed = 4132;
    public const int AgentsStarted = 4140;
    public const int AgentsStopped = 4141;
}
