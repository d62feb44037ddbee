namespace CiAdapter.Models;

/// <summary>A model's certification state as the outside world sees it.</summary>
[GenerateSerializer, Immutable, Alias("ci.ModelSnapshot")]
public sealed record ModelSnapshot
{
    [Id(0)] public required string ModelId { get; init; }

    [Id(1)] public string GroupName { get; init; } = "";

    [Id(2)] public string ModelName { get; init; } = "";

    [Id(3)] public string? ModelUrl { get; init; }

    [Id(4)] public required ModelStatus Status { get; init; }

    /// <summary>The certification round; each <c>initiate_certification</c> starts a new one.</summary>
    [Id(5)] public int Version { get; init; }

    [Id(6)] public DateTimeOffset LastUpdated { get; init; }

    [Id(7)] public CiTask? CiTask { get; init; }
}
