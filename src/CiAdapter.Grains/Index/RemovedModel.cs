namespace CiAdapter.Index;

/// <summary>When a model left the index, and at which revision.</summary>
[GenerateSerializer, Immutable, Alias("ci.RemovedModel")]
internal sealed record RemovedModel([property: Id(0)] long Revision, [property: Id(1)] DateTimeOffset RemovedAt);
