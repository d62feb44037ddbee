using CiAdapter.Models;

namespace CiAdapter.Index;

/// <summary>What the index keeps of one model: enough to report and list it without its grain.</summary>
[GenerateSerializer, Immutable, Alias("ci.ModelIndexEntry")]
public sealed record ModelIndexEntry(
    [property: Id(0)] string ModelId,
    [property: Id(1)] ModelStatus Status,
    [property: Id(2)] int Version,
    [property: Id(3)] DateTimeOffset LastUpdated,
    [property: Id(4)] long Revision);
