using CiAdapter.Models;
using CiAdapter.Restore;
using CiAdapter.Simulators.Wire;
using CiAdapter.Testing;
using CiAdapter.Testing.Orleans;
using CiAdapter.Testing.Service;

namespace CiAdapter.Grains.Tests.Restore;

/// <summary>SPEC §6: rebuild from the backend, dispatch pending, resume running, leave finished alone.</summary>
public sealed class StartupRestoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private GrainCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await GrainCluster.StartAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Restore_BackendFailsTwiceFirst_PendingDispatchedOnceRunningResumedFinishedLeftAlone()
    {
        var sims = _cluster.Simulators;
        var pending = TestEvents.NewModelId("pending");
        var running = TestEvents.NewModelId("running");
        var succeeded = TestEvents.NewModelId("succeeded");
        var failed = TestEvents.NewModelId("failed-before");
        var runningTask = await StartTaskAtCodeArtsAsync(running);
        sims.Backend.Seed(Model(pending, "pending", version: 2));
        sims.Backend.Seed(Model(running, "running", version: 4, taskId: runningTask));
        sims.Backend.Seed(Model(succeeded, "success", version: 1, taskId: "old-task-1"));
        sims.Backend.SeedJson(failed, """{"test_status":"failed","version":3,"last_updated":"2026-12-01T08:00:00Z","ci_task":{}}""");
        sims.Backend.ModelStateFaults.FailNext(2, 503);

        var summary = await _cluster.RestoreAsync();

        Assert.Equal(2, sims.Backend.ModelStateFaults.InjectedCount);
        Assert.Equal(4, summary.Adopted);
        var pendingNow = await _cluster.WaitForStatusAsync(pending, ModelStatus.Success, Deadline);
        Assert.Equal(2, pendingNow.Version);
        Assert.Equal(1, sims.CodeArts.DispatchCount(pending));
        Assert.Equal("2", sims.CodeArts.TasksFor(pending).Single().Request.Version);

        await sims.CodeArts.WaitForPollAsync(runningTask, timeout: Deadline);
        sims.CodeArts.CompleteTask(runningTask, succeeded: true);
        var runningNow = await _cluster.WaitForStatusAsync(running, ModelStatus.Success, Deadline);
        Assert.Equal(runningTask, runningNow.CiTask?.TaskId);
        Assert.Equal(4, runningNow.Version);
        Assert.Equal(1, sims.CodeArts.DispatchCount(running)); // the earlier incarnation's, not ours

        Assert.Equal(ModelStatus.Success, (await _cluster.GetAsync(succeeded))?.Status);
        var failedNow = await _cluster.GetAsync(failed);
        Assert.Equal((ModelStatus.Failed, 3), (failedNow?.Status, failedNow?.Version));
        Assert.Equal(0, sims.CodeArts.DispatchCount(succeeded) + sims.CodeArts.DispatchCount(failed));
        Assert.Equal(0, sims.CodeArts.PollCount("old-task-1"));
        await sims.Backend.WaitForStatusAsync(running, "success", Deadline);
    }

    [Fact]
    public async Task Restore_GrainHasNewerState_KeepsItAndDoesNothing()
    {
        var sims = _cluster.Simulators;
        var modelId = TestEvents.NewModelId();
        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
        var current = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success, Deadline);
        sims.Backend.Seed(Model(modelId, "pending", version: 1, lastUpdated: current.LastUpdated.AddMinutes(-5)));

        var outcome = await _cluster.Model(modelId).RestoreAsync(new ModelSnapshot
        {
            ModelId = modelId,
            Status = ModelStatus.Pending,
            Version = 1,
            LastUpdated = current.LastUpdated.AddMinutes(-5),
        });
        await _cluster.RestoreAsync();

        Assert.Equal(RestoreOutcome.Kept, outcome);
        Assert.Equal(current, await _cluster.GetAsync(modelId));
        await Wait.HoldsForAsync(() => sims.CodeArts.DispatchCount(modelId) == 1, TimeSpan.FromSeconds(1.5), "restoring older state never dispatches");
    }

    [Fact]
    public async Task Restore_RunTwice_SecondRunKeepsEverything()
    {
        var sims = _cluster.Simulators;
        var modelId = TestEvents.NewModelId();
        sims.Backend.Seed(Model(modelId, "pending", version: 5));
        await _cluster.RestoreAsync();
        await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success, Deadline);

        var second = await _cluster.RestoreAsync();

        Assert.Equal(0, second.Adopted);
        Assert.Equal(1, sims.CodeArts.DispatchCount(modelId));
    }

    [Fact]
    public async Task Restore_BackendUnreachableBeyondTimeout_FailsWithClearMessage()
    {
        await using var cluster = await GrainCluster.StartAsync(s => s.RestoreTimeout = TimeSpan.FromSeconds(1.5));
        cluster.Simulators.Backend.ModelStateFaults.FailAlways(500);

        var error = await Assert.ThrowsAsync<RestoreFailedException>(() => cluster.RestoreAsync());

        Assert.Contains("RESTORE_TIMEOUT", error.Message, StringComparison.Ordinal);
        Assert.True(cluster.Simulators.Backend.ModelStateFaults.InjectedCount >= 2);
    }

    [Fact]
    public async Task Restore_UnreadableEntries_SkippedOthersRestored()
    {
        var sims = _cluster.Simulators;
        var good = TestEvents.NewModelId();
        var bad = TestEvents.NewModelId();
        sims.Backend.Seed(Model(good, "success", version: 1, taskId: "t"));
        sims.Backend.SeedJson(bad, """{"test_status":"exploded","version":"1"}""");

        var summary = await _cluster.RestoreAsync();

        Assert.True(summary.Rejected >= 1);
        Assert.Equal(ModelStatus.Success, (await _cluster.GetAsync(good))?.Status);
        Assert.Null(await _cluster.GetAsync(bad));
    }

    private static ModelInfo Model(string modelId, string status, int version, string? taskId = null, DateTimeOffset? lastUpdated = null) =>
        BackendModels.Model(modelId, status, version, taskId, lastUpdated);

    /// <summary>Starts a long task at CodeArts as an earlier incarnation of the service would have.</summary>
    private async Task<string> StartTaskAtCodeArtsAsync(string modelId)
    {
        _cluster.Simulators.CodeArts.RunTime = TimeSpan.FromHours(1);
        try
        {
            return await BackendModels.StartTaskAsync(_cluster.Simulators, modelId, GrainCluster.CiToken, version: 4);
        }
        finally
        {
            _cluster.Simulators.CodeArts.RunTime = TimeSpan.FromSeconds(1);
        }
    }
}
