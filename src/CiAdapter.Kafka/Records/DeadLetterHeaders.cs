namespace CiAdapter.Kafka.Records;

/// <summary>Headers added to a dead-lettered record, after the original record's own headers.</summary>
public static class DeadLetterHeaders
{
    /// <summary>One of <see cref="DeadLetterReasons"/>.</summary>
    public const string Reason = "dlq-reason";

    /// <summary>A sentence for a person: what exactly was wrong.</summary>
    public const string Detail = "dlq-detail";

    public const string SourceTopic = "dlq-source-topic";

    public const string SourcePartition = "dlq-source-partition";

    public const string SourceOffset = "dlq-source-offset";

    /// <summary>When the record was dead-lettered, RFC 3339 in UTC.</summary>
    public const string FailedAt = "dlq-failed-at";

    /// <summary>Present when the dead-letter topic refused the original value for its size; the value was left out.</summary>
    public const string ValueOmitted = "dlq-value-omitted";
}
