namespace CiAdapter.Index;

/// <summary>One page of index entries, ordered by model id.</summary>
[GenerateSerializer, Immutable, Alias("ci.ModelIndexPage")]
public sealed record ModelIndexPage(
    [property: Id(0)] IReadOnlyList<ModelIndexEntry> Entries,
    [property: Id(1)] bool HasMore);
