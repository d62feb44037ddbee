using CiAdapter.Models;
using CiAdapter.Testing.Orleans;

namespace CiAdapter.Grains.Tests.Certification;

public sealed class ModelGrainSupersedeTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private GrainCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await GrainCluster.StartAsync();
        _cluster.Simulators.CodeArts.RunTime = TimeSpan.FromHours(1);
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Running_InitiateWithNewId_OldTaskResultIgnoredAndNewRoundDispatched()
    {
        var modelId = TestEvents.NewModelId();
        var codeArts = _cluster.Simulators.CodeArts;
        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
        var firstRound = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Running);
        var oldTask = firstRound.CiTask!.TaskId;

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        var redispatch = await codeArts.WaitForDispatchAsync(modelId, count: 2, timeout: Deadline);
        Assert.Equal("2", redispatch.Request?.Version);
        var secondRound = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Running);
        Assert.Equal(redispatch.TaskId, secondRound.CiTask?.TaskId);

        // The old task finishes well; the new one fails. Only the new one counts.
        codeArts.CompleteTask(oldTask, succeeded: true);
        codeArts.CompleteTask(secondRound.CiTask!.TaskId, succeeded: false);

        var finished = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Failed);
        Assert.Equal(2, finished.Version);
        Assert.Equal(redispatch.TaskId, finished.CiTask?.TaskId);
        await _cluster.Simulators.Backend.WaitForStatusAsync(modelId, "failed", Deadline);
        Assert.DoesNotContain("success", _cluster.Simulators.Backend.StatusHistory(modelId));
    }

    [Fact]
    public async Task Pending_InitiateWithNewId_DispatchesTheNewRoundOnly()
    {
        var modelId = TestEvents.NewModelId();
        _cluster.Simulators.CodeArts.DispatchFaults.FailAlways(500);
        try
        {
            await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
            await _cluster.Simulators.CodeArts.WaitUntilAsync(c => c.DispatchAttemptCount(modelId) >= 1, Deadline);

            await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
        }
        finally
        {
            _cluster.Simulators.CodeArts.DispatchFaults.Clear();
        }

        var running = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Running);
        Assert.Equal(2, running.Version);
        var accepted = Assert.Single(_cluster.Simulators.CodeArts.Dispatches, d => d.ModelId == modelId && d.Accepted);
        Assert.Equal("2", accepted.Request?.Version);
    }
}
