using CiAdapter.Models;

namespace CiAdapter.Index;

/// <summary>A page request over the index: models ordered by id, strictly after <see cref="After"/>.</summary>
[GenerateSerializer, Immutable, Alias("ci.ModelIndexQuery")]
public sealed record ModelIndexQuery(
    [property: Id(0)] ModelStatus? Status,
    [property: Id(1)] string? After,
    [property: Id(2)] int Limit);
