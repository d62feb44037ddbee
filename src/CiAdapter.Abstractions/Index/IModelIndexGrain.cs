using CiAdapter.Models;

namespace CiAdapter.Index;

/// <summary>
/// One shard of the model index: the status of every known model, kept so that reporting to the
/// backend and listing models never needs one grain call per model. Key: the shard number.
/// </summary>
[Alias("ci.IModelIndexGrain")]
public interface IModelIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Records a model's status; returns once it is durable. Older revisions are ignored.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(ModelIndexEntry entry);

    /// <summary>Forgets a model unless the index holds a newer revision of it.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string modelId, long revision);

    [Alias("Query")]
    Task<ModelIndexPage> QueryAsync(ModelIndexQuery query);

    [Alias("Count")]
    Task<IReadOnlyDictionary<ModelStatus, int>> CountAsync();

    /// <summary>Pushes every status of this shard to the backend now (the periodic full sync).</summary>
    [Alias("PushAll")]
    Task<int> PushAllAsync();
}
