namespace CiAdapter.Models;

/// <summary>A validated certification event, as delivered to a model's grain.</summary>
[GenerateSerializer, Immutable, Alias("ci.ModelEvent")]
public sealed record ModelEvent
{
    /// <summary>The producer's event id; redelivery of the same id is a no-op.</summary>
    [Id(0)] public required string EventId { get; init; }

    [Id(1)] public required ModelEventType Type { get; init; }

    /// <summary><c>group/name</c>; the key of the model's grain.</summary>
    [Id(2)] public required string ModelId { get; init; }

    [Id(3)] public string? GroupName { get; init; }

    [Id(4)] public string? ModelName { get; init; }

    [Id(5)] public string? ModelUrl { get; init; }

    /// <summary>The Kafka record it came from, when it came from Kafka.</summary>
    [Id(6)] public EventPosition? Position { get; init; }
}
