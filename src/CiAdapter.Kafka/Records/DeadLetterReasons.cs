namespace CiAdapter.Kafka.Records;

/// <summary>The <c>dlq-reason</c> header values: why a record never became an event.</summary>
public static class DeadLetterReasons
{
    /// <summary>The value is larger than <see cref="KafkaStreamOptions.MaxRecordBytes"/>.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The value is missing, not UTF-8, or not JSON.</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>The value is JSON, but not an object.</summary>
    public const string NotAnObject = "not-an-object";

    /// <summary><c>event_type</c> is missing or neither <c>initiate_certification</c> nor <c>delete_certification</c>.</summary>
    public const string UnknownEventType = "unknown-event-type";

    /// <summary>Neither <c>model_id</c> nor both <c>group_name</c> and <c>model_name</c>.</summary>
    public const string MissingModelId = "missing-model-id";

    /// <summary>The model id cannot name a model (see <c>ModelIds.Validate</c>).</summary>
    public const string InvalidModelId = "invalid-model-id";

    /// <summary>The event was valid but its model's grain kept failing to apply it until the delivery deadline.</summary>
    public const string DeliveryFailed = "delivery-failed";
}
