using CiAdapter.Index;
using CiAdapter.Models;
using CiAdapter.Testing;
using CiAdapter.Testing.Orleans;

namespace CiAdapter.Grains.Tests.Index;

/// <summary>Statuses reach the backend promptly after a change and in full every SYNC_BACKEND_INTERVAL.</summary>
public sealed class StatusSyncTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private GrainCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await GrainCluster.StartAsync(s => s.SyncBackendInterval = TimeSpan.FromSeconds(2));

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Change_PushedPromptlyInBatches()
    {
        var models = Enumerable.Range(0, 40).Select(i => TestEvents.NewModelId($"batch-{i}")).ToList();

        await Task.WhenAll(models.Select(m => _cluster.Model(m).ApplyAsync(TestEvents.Initiate(m))));

        foreach (var modelId in models)
        {
            await _cluster.Simulators.Backend.WaitForStatusAsync(modelId, "success", Deadline);
        }

        // 40 models × 3 changes each arrive in far fewer requests than changes.
        var pushesWithOurModels = _cluster.Simulators.Backend.Pushes.Count(p => p.Statuses.Any(s => models.Contains(s.ModelId)));
        Assert.True(pushesWithOurModels < models.Count * 3, $"{pushesWithOurModels} pushes for {models.Count * 3} changes");
    }

    [Fact]
    public async Task FullSync_PushesEveryModelAndOmitsDeletedOnes()
    {
        var kept = TestEvents.NewModelId("kept");
        var deleted = TestEvents.NewModelId("deleted");
        await _cluster.Model(kept).ApplyAsync(TestEvents.Initiate(kept));
        await _cluster.Model(deleted).ApplyAsync(TestEvents.Initiate(deleted));
        await _cluster.WaitForStatusAsync(kept, ModelStatus.Success);
        await _cluster.WaitForStatusAsync(deleted, ModelStatus.Success);

        await _cluster.Model(deleted).ApplyAsync(TestEvents.Delete(deleted));
        var afterDelete = DateTimeOffset.UtcNow;

        // Two periodic full pushes later: the kept model is in each, the deleted one in none.
        await Wait.UntilAsync(
            () => FullPushesSince(afterDelete).Count(p => p.Statuses.Any(s => s.ModelId == kept)) >= 2,
            Deadline,
            "two full syncs include the kept model");
        Assert.DoesNotContain(
            _cluster.Simulators.Backend.Pushes.Where(p => p.ReceivedAt > afterDelete.AddMilliseconds(50)),
            p => p.Statuses.Any(s => s.ModelId == deleted));
    }

    [Fact]
    public async Task PushAll_AllShards_ReportsEveryKnownModel()
    {
        var models = Enumerable.Range(0, 10).Select(i => TestEvents.NewModelId($"all-{i}")).ToList();
        await Task.WhenAll(models.Select(m => _cluster.Model(m).ApplyAsync(TestEvents.Initiate(m))));
        foreach (var modelId in models)
        {
            await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
        }

        var pushed = 0;
        foreach (var shard in ModelIndexShards.All)
        {
            pushed += await _cluster.Client.GetGrain<IModelIndexGrain>(shard).PushAllAsync();
        }

        Assert.True(pushed >= models.Count);
        Assert.All(models, m => Assert.Equal("success", _cluster.Simulators.Backend.LatestStatus(m)));
    }

    [Fact]
    public async Task Push_BackendDown_RetriedUntilAccepted()
    {
        var modelId = TestEvents.NewModelId();
        _cluster.Simulators.Backend.UpdateStatusFaults.FailAlways(500);
        try
        {
            await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
            await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
            await _cluster.Simulators.Backend.WaitUntilAsync(b => b.UpdateStatusFaults.InjectedCount >= 3, Deadline);
            Assert.Null(_cluster.Simulators.Backend.LatestStatus(modelId));
        }
        finally
        {
            _cluster.Simulators.Backend.UpdateStatusFaults.Clear();
        }

        await _cluster.Simulators.Backend.WaitForStatusAsync(modelId, "success", Deadline);
    }

    [Fact]
    public async Task Query_ByStatusInPages_ListsEachModelOnce()
    {
        var models = Enumerable.Range(0, 12).Select(i => TestEvents.NewModelId($"page-{i}")).ToHashSet();
        await Task.WhenAll(models.Select(m => _cluster.Model(m).ApplyAsync(TestEvents.Initiate(m))));
        foreach (var modelId in models)
        {
            await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
        }

        var seen = new List<string>();
        foreach (var shard in ModelIndexShards.All)
        {
            string? after = null;
            ModelIndexPage page;
            do
            {
                page = await _cluster.Client.GetGrain<IModelIndexGrain>(shard).QueryAsync(new ModelIndexQuery(ModelStatus.Success, after, 2));
                Assert.True(page.Entries.Count <= 2);
                seen.AddRange(page.Entries.Select(e => e.ModelId));
                after = page.Entries.Count > 0 ? page.Entries[^1].ModelId : null;
            }
            while (page.HasMore);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), models);
    }

    private IEnumerable<Simulators.Backend.StatusPush> FullPushesSince(DateTimeOffset since) =>
        _cluster.Simulators.Backend.Pushes.Where(p => p.ReceivedAt > since && p.Applied);
}
