using System.Diagnostics;
using System.Net;
using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Tests.CodeArts;
using CiAdapter.Simulators.Tests.Support;

namespace CiAdapter.Simulators.Tests.Faults;

/// <summary>Each kind of fault as a real HTTP client meets it.</summary>
public sealed class FaultInjectionTests
{
    private const string Token = "token-for-faults";

    [Fact]
    public async Task FailNext_TwoDispatches_FailThenTheThirdCreatesOneTask()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { Token = Token } });
        server.CodeArts.DispatchFaults.FailNext(2, 503);
        using var http = CodeArtsSimulatorTests.CodeArtsClient(server, Token);

        using var first = await http.PostAsync("dispatch", TestWire.DispatchBody("g/m"));
        using var second = await http.PostAsync("dispatch", TestWire.DispatchBody("g/m"));
        var taskId = await CodeArtsSimulatorTests.DispatchAsync(http, "g/m");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("SIM.503", (await TestWire.ReadJsonAsync(first)).Str("error_code"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(1, server.CodeArts.DispatchCount("g/m"));
        Assert.Equal(3, server.CodeArts.DispatchAttemptCount("g/m"));
        Assert.Equal(
            [(503, FaultKind.Fail, false), (503, FaultKind.Fail, false), (200, (FaultKind?)null, true)],
            server.CodeArts.Dispatches.Select(d => (d.StatusCode!.Value, d.Fault, d.Accepted)));
        Assert.Equal(taskId, Assert.Single(server.CodeArts.Tasks).TaskId);
    }

    [Fact]
    public async Task DelayNext_LongerThanTheClientTimeout_ClientTimesOutAndNothingIsCreated()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.CodeArts.DispatchFaults.DelayNext(1, TimeSpan.FromSeconds(30));
        using var impatient = CodeArtsSimulatorTests.CodeArtsClient(server, token: null, timeout: TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync("dispatch", TestWire.DispatchBody("g/m")));

        // The simulator notices the client left and records the call unanswered.
        await server.CodeArts.WaitUntilAsync(sim => sim.Dispatches.Count == 1, TimeSpan.FromSeconds(10));
        var record = Assert.Single(server.CodeArts.Dispatches);
        Assert.Equal((null, FaultKind.Delay, false), (record.StatusCode, record.Fault, record.Accepted));
        Assert.Equal(0, server.CodeArts.DispatchCount("g/m"));

        await CodeArtsSimulatorTests.DispatchAsync(impatient, "g/m");
        Assert.Equal(1, server.CodeArts.DispatchCount("g/m"));
    }

    [Fact]
    public async Task DelayNext_ShorterThanTheClientTimeout_ServedLate()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsSimulatorTests.CodeArtsClient(server, token: null);
        var taskId = await CodeArtsSimulatorTests.DispatchAsync(http, "g/m");
        server.CodeArts.StatusFaults.DelayNext(1, TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        var status = await CodeArtsSimulatorTests.PollStatusAsync(http, taskId);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"served after {watch.Elapsed}");
        Assert.Equal("running", status);
        var poll = Assert.Single(server.CodeArts.Polls);
        Assert.Equal((200, FaultKind.Delay), (poll.StatusCode, poll.Fault));
    }

    [Fact]
    public async Task AbortNext_ConnectionIsResetWithoutAnAnswer()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsSimulatorTests.CodeArtsClient(server, token: null);
        var taskId = await CodeArtsSimulatorTests.DispatchAsync(http, "g/m");
        server.CodeArts.StatusFaults.AbortNext();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"task/{taskId}/status"));

        var poll = Assert.Single(server.CodeArts.Polls);
        Assert.Equal((null, FaultKind.Abort, "g/m"), (poll.StatusCode, poll.Fault, poll.ModelId));
        Assert.Equal(0, server.CodeArts.GetTask(taskId)!.PollCount);
        Assert.Equal("running", await CodeArtsSimulatorTests.PollStatusAsync(http, taskId));
    }

    [Fact]
    public async Task DropResponseNext_TaskIsCreatedButTheClientSeesAFailure()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.CodeArts.DispatchFaults.DropResponseNext();
        using var http = CodeArtsSimulatorTests.CodeArtsClient(server, token: null);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("dispatch", TestWire.DispatchBody("g/m")));

        var record = Assert.Single(server.CodeArts.Dispatches);
        Assert.Equal((null, FaultKind.DropResponse, true), (record.StatusCode, record.Fault, record.Accepted));
        Assert.Equal(1, server.CodeArts.DispatchCount("g/m"));
        Assert.Equal(record.TaskId, Assert.Single(server.CodeArts.TasksFor("g/m")).TaskId);
    }

    [Fact]
    public async Task MalformedNext_Answers200WithABodyThatIsNotJson()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.CodeArts.DispatchFaults.MalformedNext();
        using var http = CodeArtsSimulatorTests.CodeArtsClient(server, token: null);

        using var response = await http.PostAsync("dispatch", TestWire.DispatchBody("g/m"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, server.CodeArts.DispatchCount("g/m"));
    }

    [Fact]
    public async Task DelayedFailure_WaitsThenAnswersTheStatus()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.UpdateStatusFaults.Add(new FaultRule(FaultKind.Fail, 1, 504, TimeSpan.FromMilliseconds(200)));
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", "running")));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(180), $"answered after {watch.Elapsed}");
        Assert.Null(server.Backend.LatestStatus("g/m"));
    }

    [Fact]
    public async Task AbortNext_OnUpdateStatus_NothingIsTakenIn()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.UpdateStatusFaults.AbortNext();
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", "success"))));

        var push = Assert.Single(server.Backend.Pushes);
        Assert.Equal((false, (int?)null, FaultKind.Abort), (push.Applied, push.StatusCode, push.Fault));
        Assert.Equal([new("g/m", "success")], push.Statuses);
        Assert.Null(server.Backend.LatestStatus("g/m"));
        Assert.Equal(0, server.Backend.PushCount);
    }

    [Fact]
    public async Task DropResponseNext_OnUpdateStatus_StatusesAreTakenIn()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.UpdateStatusFaults.DropResponseNext();
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", "success"))));

        Assert.Equal("success", server.Backend.LatestStatus("g/m"));
        Assert.True(Assert.Single(server.Backend.Pushes).Applied);
    }

    [Fact]
    public async Task DisposeAsync_WhileACallIsHeldByADelay_StopsPromptly()
    {
        var server = await SimulatorServer.StartAsync();
        server.Backend.ModelStateFaults.DelayAlways(Timeout.InfiniteTimeSpan);
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"), timeout: TimeSpan.FromSeconds(30));
        var held = http.GetAsync("api/modelstate");
        await server.Backend.WaitUntilAsync(b => b.ModelStateFaults.InjectedCount == 1, TimeSpan.FromSeconds(10));

        var watch = Stopwatch.StartNew();
        await server.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopped after {watch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => held);
    }
}
