namespace CiAdapter.Kafka.Records;

/// <summary>Why a record goes to the dead-letter topic: a reason code and a human detail.</summary>
internal sealed record DeadLetterVerdict(string Reason, string Detail);
