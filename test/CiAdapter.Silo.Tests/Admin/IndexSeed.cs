using CiAdapter.Index;
using CiAdapter.Models;
using Microsoft.Extensions.DependencyInjection;

namespace CiAdapter.Silo.Tests.Admin;

/// <summary>Writes entries straight into the index shards: models the index knows without any model grain.</summary>
internal static class IndexSeed
{
    public static async Task<IReadOnlyList<string>> AddAsync(IServiceProvider services, string prefix, int count, ModelStatus status)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}/m{i:D6}").ToList();
        var now = DateTimeOffset.UtcNow;

        // The shards group-commit the writes that arrive together.
        foreach (var batch in ids.Chunk(2000))
        {
            await Task.WhenAll(batch.Select(id => grains.GetGrain<IModelIndexGrain>(ModelIndexShards.Of(id))
                .UpsertAsync(new ModelIndexEntry(id, status, 1, now, Revision: 1))));
        }

        return ids;
    }
}
