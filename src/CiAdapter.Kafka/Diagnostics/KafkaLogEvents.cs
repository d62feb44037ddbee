namespace CiAdapter.Kafka.Diagnostics;

/// <summary>Stable event ids of the provider's log messages (an operator's alerts may match on them).</summary>
internal static class KafkaLogEvents
{
    public const int PartitionsDiscovered = 6100;
    public const int MetadataRetry = 6101;
    public const int PartitionAssigned = 6102;
    public const int PartitionReleased = 6103;
    public const int PartitionPaused = 6104;
    public const int PartitionResumed = 6105;
    public const int ConsumeFailed = 6106;
    public const int ClientError = 6107;
    public const int ClientLog = 6108;
    public const int StaleRecordDropped = 6109;
    public const int CommitFailed = 6110;
    public const int FinalCommitSkipped = 6111;
    public const int ConsumerStopped = 6112;
    public const int RecordNotAccepted = 6113;
    public const int FlowChangeFailed = 6114;
    public const int ConsumerCloseTimedOut = 6115;
    public const int DeadLetterTopicMissing = 6116;
    public const int ClientFatalError = 6117;
    public const int RecordDeadLettered = 6120;
    public const int DeadLetterRetry = 6121;
    public const int DeadLetterValueOmitted = 6122;
    public const int DeadLetterAbandoned = 6123;
    public const int DeadLetterFailed = 6124;
    public const int DeliveryFailed = 6130;
    public const int DeliveryFailureUnknownRecord = 6131;
    public const int SubscriptionFailed = 6132;
    public const int DeliveryFailureHandlingFailed = 6133;
    public const int AgentsStarted = 6140;
    public const int AgentsStopped = 6141;
}
