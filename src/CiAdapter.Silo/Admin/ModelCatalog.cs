using CiAdapter.Grains;
using CiAdapter.Index;
using CiAdapter.Models;

namespace CiAdapter.Silo.Admin;

/// <summary>
/// What the admin API reads from the cluster: a model's grain for its full state, and the index
/// shards for listings and counts, so that listing 100k models never activates a model grain.
/// </summary>
internal sealed class ModelCatalog(IGrainFactory grains)
{
    public Task<ModelSnapshot?> GetAsync(string modelId) => grains.GetGrain<IModelGrain>(modelId).GetAsync();

    /// <summary>
    /// Asks every shard for its first <c>limit</c> matches after the cursor and merges them by model id.
    /// Each shard's omitted entries sort after its last returned one, which sorts at or after the
    /// merged page's last entry: so walking the cursor returns every model exactly once.
    /// </summary>
    public async Task<ModelListing> ListAsync(ModelListingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new ModelIndexQuery(request.Status, request.After, request.Limit);
        var pages = await Task.WhenAll(ModelIndexShards.All.Select(s => grains.GetGrain<IModelIndexGrain>(s).QueryAsync(query)));

        var merged = MergeById(pages, request.Limit + 1);
        var more = merged.Count > request.Limit || pages.Any(p => p.HasMore);
        if (merged.Count > request.Limit)
        {
            merged.RemoveAt(merged.Count - 1);
        }

        return new ModelListing(merged, more && merged.Count > 0 ? merged[^1].ModelId : null);
    }

    public async Task<IReadOnlyDictionary<ModelStatus, int>> CountAsync()
    {
        var shards = await Task.WhenAll(ModelIndexShards.All.Select(s => grains.GetGrain<IModelIndexGrain>(s).CountAsync()));
        var totals = ModelStatusNames.All.ToDictionary(s => s, _ => 0);
        foreach (var counts in shards)
        {
            foreach (var (status, count) in counts)
            {
                totals[status] = totals.GetValueOrDefault(status) + count;
            }
        }

        return totals;
    }

    /// <summary>A k-way merge of the shards' sorted pages, keeping the first <paramref name="take"/> distinct ids.</summary>
    private static List<ModelIndexEntry> MergeById(ModelIndexPage[] pages, int take)
    {
        var result = new List<ModelIndexEntry>(Math.Min(take, pages.Sum(p => p.Entries.Count)));
        var heads = new PriorityQueue<(int Page, int Index), string>(pages.Length, StringComparer.Ordinal);
        for (var page = 0; page < pages.Length; page++)
        {
            if (pages[page].Entries.Count > 0)
            {
                heads.Enqueue((page, 0), pages[page].Entries[0].ModelId);
            }
        }

        while (result.Count < take && heads.TryDequeue(out var head, out var modelId))
        {
            // A model lives in one shard; a duplicate could only come from a shard mid-migration.
            if (result.Count == 0 || !string.Equals(result[^1].ModelId, modelId, StringComparison.Ordinal))
            {
                result.Add(pages[head.Page].Entries[head.Index]);
            }

            var next = head.Index + 1;
            if (next < pages[head.Page].Entries.Count)
            {
                heads.Enqueue((head.Page, next), pages[head.Page].Entries[next].ModelId);
            }
        }

        return result;
    }
}
