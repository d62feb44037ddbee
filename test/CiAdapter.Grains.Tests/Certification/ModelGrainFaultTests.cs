using CiAdapter.Models;
using CiAdapter.Testing;
using CiAdapter.Testing.Orleans;

namespace CiAdapter.Grains.Tests.Certification;

/// <summary>CodeArts failing, slow or cut off: the model's state never changes on a failed call.</summary>
public sealed class ModelGrainFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private GrainCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await GrainCluster.StartAsync(s => s.AttemptTimeout = TimeSpan.FromMilliseconds(500));

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Dispatch_ServerErrorThenSuccess_StaysPendingThenRetriedNextPeriod()
    {
        var modelId = TestEvents.NewModelId();
        var codeArts = _cluster.Simulators.CodeArts;
        codeArts.DispatchFaults.FailNext(2, 500);

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        await codeArts.WaitUntilAsync(c => c.DispatchAttemptCount(modelId) >= 1, Deadline);
        Assert.Equal(ModelStatus.Pending, (await _cluster.GetAsync(modelId))?.Status);
        var running = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Running);
        Assert.Equal(3, codeArts.DispatchAttemptCount(modelId));
        Assert.Equal(1, codeArts.DispatchCount(modelId));
        Assert.Equal(1, running.Version);
        await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success);
    }

    [Fact]
    public async Task Dispatch_ServiceUnavailableOnce_RetriedWithinTheCall()
    {
        var modelId = TestEvents.NewModelId();
        var codeArts = _cluster.Simulators.CodeArts;
        codeArts.DispatchFaults.FailNext(1, 503);

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        await _cluster.WaitForStatusAsync(modelId, ModelStatus.Running);
        var attempts = codeArts.Dispatches.Where(d => d.ModelId == modelId).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(503, attempts[0].StatusCode);
        Assert.True(attempts[1].Accepted);

        // The resilience pipeline retried the 503 (the request was not processed) after its short
        // backoff, not a CHECK_PENDING_INTERVAL (1 s) later.
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Poll_Timeouts_StaysRunningThenFinishes()
    {
        var modelId = TestEvents.NewModelId();
        var codeArts = _cluster.Simulators.CodeArts;
        codeArts.StatusFaults.DelayNext(6, TimeSpan.FromSeconds(3));

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        var running = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Running);
        await codeArts.WaitUntilAsync(c => c.StatusFaults.InjectedCount >= 3, Deadline);
        Assert.Equal(ModelStatus.Running, (await _cluster.GetAsync(modelId))?.Status);
        var finished = await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success, TimeSpan.FromSeconds(30));
        Assert.Equal(running.CiTask?.TaskId, finished.CiTask?.TaskId);
        Assert.Equal(1, codeArts.DispatchCount(modelId));
    }

    [Fact]
    public async Task Poll_ConnectionDropped_StaysRunningThenFinishes()
    {
        var modelId = TestEvents.NewModelId();
        var codeArts = _cluster.Simulators.CodeArts;
        codeArts.StatusFaults.AbortNext(4);

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

        await _cluster.WaitForStatusAsync(modelId, ModelStatus.Success, TimeSpan.FromSeconds(30));
        Assert.Equal(1, codeArts.DispatchCount(modelId));
    }

    [Fact]
    public async Task Delete_WhileDispatchInFlight_ModelForgottenAndTaskNeverPolled()
    {
        var modelId = TestEvents.NewModelId();
        var codeArts = _cluster.Simulators.CodeArts;
        codeArts.DispatchFaults.DelayNext(1, TimeSpan.FromMilliseconds(400));
        await _cluster.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
        await codeArts.WaitUntilAsync(c => c.DispatchFaults.InjectedCount >= 1, Deadline);

        await _cluster.Model(modelId).ApplyAsync(TestEvents.Delete(modelId));

        Assert.Null(await _cluster.GetAsync(modelId));
        var dispatch = await codeArts.WaitForDispatchAsync(modelId, timeout: Deadline);
        await Wait.HoldsForAsync(
            async () => codeArts.PollCount(dispatch.TaskId!) == 0 && await _cluster.GetAsync(modelId) is null,
            TimeSpan.FromSeconds(2.5),
            "the late dispatch result of a deleted model is ignored");
        Assert.DoesNotContain(modelId, _cluster.Simulators.Backend.ReportedModelIds);
    }
}
