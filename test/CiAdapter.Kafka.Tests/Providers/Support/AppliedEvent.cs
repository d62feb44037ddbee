namespace CiAdapter.Kafka.Tests.Providers.Support;

/// <summary>One call of the test grain's observer that returned successfully.</summary>
public sealed record AppliedEvent(string ModelId, string EventId, int Partition, long Offset, string Silo);
