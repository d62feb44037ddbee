namespace CiAdapter.Index;

/// <summary>A shard's durable content: the models it knows and recently removed ones.</summary>
[GenerateSerializer, Alias("ci.ModelIndexState")]
internal sealed class ModelIndexState
{
    [Id(0)] public Dictionary<string, ModelIndexEntry> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Removed models and the revision of their removal, so a late report from before the delete
    /// (e.g. from a second activation during a membership change) cannot bring a model back.
    /// Pruned after a day.
    /// </summary>
    [Id(1)] public Dictionary<string, RemovedModel> Removed { get; set; } = new(StringComparer.Ordinal);
}
