using CiAdapter.Models;
using CiAdapter.Testing;
using CiAdapter.Testing.Orleans;

namespace CiAdapter.Grains.Tests.Certification;

/// <summary>The rows of SPEC §5, driven through the cluster client against the CodeArts and backend simulators.</summary>
public sealed class ModelGrainStateMachineTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly GrainCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Initiate_UnknownModel_PendingThenDispatchedAtOnce()
    {
        var modelId = TestEvents.NewModelId();

        var outcome = await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        Assert.Equal(ApplyOutcome.Applied, outcome);
        var dispatch = await _cluster.Simulators.CodeArts.WaitForDispatchAsync(modelId, timeout: TimeSpan.FromSeconds(2));
        Assert.Equal("1", dispatch.Request?.Version);
        Assert.Equal("pending", dispatch.Request?.TestStatus);
        Assert.Equal($"https://models.example/{modelId}", dispatch.Request?.ModelUrl);
        var running = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Running);
        Assert.Equal(dispatch.TaskId, running.CiTask?.TaskId);
        Assert.Equal(1, running.Version);
        Assert.Equal(("test-group", modelId["test-group/".Length..]), (running.GroupName, running.ModelName));
    }

    [Fact]
    public async Task Running_PollSaysSuccess_SuccessReportedAndPollingStops()
    {
        var modelId = TestEvents.NewModelId();

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        var finished = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
        Assert.Equal("success", finished.CiTask?.Status);
        Assert.False(string.IsNullOrEmpty(finished.CiTask?.ReportUrl));
        await _cluster.Simulators.Backend.WaitForStatusAsync(modelId, "success", Deadline);
        var taskId = finished.CiTask!.TaskId;
        var polls = _cluster.Simulators.CodeArts.PollCount(taskId);
        await Wait.HoldsForAsync(() => _cluster.Simulators.CodeArts.PollCount(taskId) == polls, TimeSpan.FromSeconds(2.5), "a finished model is not polled");
        Assert.Equal(1, _cluster.Simulators.CodeArts.DispatchCount(modelId));
    }

    [Fact]
    public async Task Running_PollSaysFailed_FailedReported()
    {
        var modelId = TestEvents.NewModelId("will-fail");

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        var finished = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Failed);
        Assert.Equal("failed", finished.CiTask?.Status);
        await _cluster.Simulators.Backend.WaitForStatusAsync(modelId, "failed", Deadline);
    }

    [Fact]
    public async Task Finished_InitiateWithNewId_NewRoundDispatched()
    {
        var modelId = TestEvents.NewModelId();
        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
        var first = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        var second = await _cluster.Simulators.CodeArts.WaitForDispatchAsync(modelId, count: 2, timeout: Deadline);
        Assert.Equal("2", second.Request?.Version);
        var finished = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
        Assert.Equal(2, finished.Version);
        Assert.NotEqual(first.CiTask?.TaskId, finished.CiTask?.TaskId);
        Assert.True(finished.LastUpdated > first.LastUpdated);
    }

    [Fact]
    public async Task AnyState_SameEventIdAgain_NothingChanges()
    {
        var modelId = TestEvents.NewModelId();
        var initiate = TestEvents.Initiate(modelId);
        await _cluster.Model(modelId).ApplyAsync(initiate);
        var finished = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);

        var outcome = await _cluster.Model(modelId).ApplyAsync(initiate);

        Assert.Equal(ApplyOutcome.Duplicate, outcome);
        Assert.Equal(finished, await _cluster.GetAsync(modelId));
        await Wait.HoldsForAsync(() => _cluster.Simulators.CodeArts.DispatchCount(modelId) == 1, TimeSpan.FromSeconds(1.5), "a redelivered event never dispatches again");
    }

    [Fact]
    public async Task Pending_SameEventIdTwiceQuickly_DispatchedOnce()
    {
        var modelId = TestEvents.NewModelId();
        var initiate = TestEvents.Initiate(modelId);

        var outcomes = await Task.WhenAll(_cluster.Model(modelId).ApplyAsync(initiate), _cluster.Model(modelId).ApplyAsync(initiate));

        Assert.Equal([ApplyOutcome.Applied, ApplyOutcome.Duplicate], outcomes.Order());
        await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
        Assert.Equal(1, _cluster.Simulators.CodeArts.DispatchCount(modelId));
    }

    [Fact]
    public async Task AnyState_Delete_ForgottenAndNoLongerPolledOrReported()
    {
        var modelId = TestEvents.NewModelId();
        _cluster.Simulators.CodeArts.RunTime = TimeSpan.FromMinutes(5);
        try
        {
            await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
            var running = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Running);
            await _cluster.Simulators.CodeArts.WaitForPollAsync(running.CiTask!.TaskId, timeout: Deadline);

            var outcome = await _cluster.Model(modelId).ApplyAsync(TestEvents.Delete(modelId));

            Assert.Equal(ApplyOutcome.Applied, outcome);
            Assert.Null(await _cluster.GetAsync(modelId));
            var polls = _cluster.Simulators.CodeArts.PollCount(running.CiTask.TaskId);
            await Wait.HoldsForAsync(() => _cluster.Simulators.CodeArts.PollCount(running.CiTask.TaskId) <= polls + 1, TimeSpan.FromSeconds(2.5), "a deleted model is not polled");
            var page = await _cluster.IndexShardOf(modelId).QueryAsync(new(null, null, 10_000));
            Assert.DoesNotContain(page.Entries, e => e.ModelId == modelId);
        }
        finally
        {
            _cluster.Simulators.CodeArts.RunTime = TimeSpan.FromSeconds(1);
        }
    }

    [Fact]
    public async Task Unknown_Delete_Ignored()
    {
        var modelId = TestEvents.NewModelId();

        var outcome = await _cluster.Model(modelId).ApplyAsync(TestEvents.Delete(modelId));

        Assert.Equal(ApplyOutcome.Ignored, outcome);
        Assert.Null(await _cluster.GetAsync(modelId));
    }

    [Fact]
    public async Task Deleted_InitiateReplayed_NoSecondRun()
    {
        var modelId = TestEvents.NewModelId();
        var initiate = TestEvents.Initiate(modelId);
        var delete = TestEvents.Delete(modelId);
        await _cluster.Model(modelId).ApplyAsync(initiate);
        await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
        await _cluster.Model(modelId).ApplyAsync(delete);

        // A redelivery after a crash replays both records in order.
        Assert.Equal(ApplyOutcome.Duplicate, await _cluster.Model(modelId).ApplyAsync(initiate));
        Assert.Equal(ApplyOutcome.Duplicate, await _cluster.Model(modelId).ApplyAsync(delete));

        Assert.Null(await _cluster.GetAsync(modelId));
        Assert.Equal(1, _cluster.Simulators.CodeArts.DispatchCount(modelId));
    }

    [Fact]
    public async Task Deleted_InitiateWithNewId_StartsAgainWithHigherVersion()
    {
        var modelId = TestEvents.NewModelId();
        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
        await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
        await _cluster.Model(modelId).ApplyAsync(TestEvents.Delete(modelId));

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        var finished = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
        Assert.Equal(2, finished.Version);
        Assert.Equal(2, _cluster.Simulators.CodeArts.DispatchCount(modelId));
    }

    [Fact]
    public async Task Apply_EventForAnotherModel_Refused()
    {
        var modelId = TestEvents.NewModelId();

        await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate("other/model")));

        Assert.Null(await _cluster.GetAsync(modelId));
    }
}
