using System.Net;
using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Tests.CodeArts;
using CiAdapter.Simulators.Tests.Support;

namespace CiAdapter.Simulators.Tests.Control;

/// <summary>The HTTP control surface a test or demo in another process uses.</summary>
public sealed class FaultControlTests
{
    [Fact]
    public async Task PostFault_FailNextDispatch_TheNextDispatchFailsThenTheOneAfterIsServed()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { Token = "t" } });
        using var control = TestWire.Client(new Uri(server.CodeArtsBaseUrl + "/"));
        using var http = CodeArtsSimulatorTests.CodeArtsClient(server, "t");

        using var added = await control.PostAsync("_sim/faults", TestWire.Json("""{"route":"dispatch","kind":"fail","count":1,"status_code":502}"""));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        using var failed = await http.PostAsync("dispatch", TestWire.DispatchBody("g/m"));
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        await CodeArtsSimulatorTests.DispatchAsync(http, "g/m");
    }

    [Fact]
    public async Task GetFaults_AfterPosts_ListsEachRouteWithWhatItStillCatches()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var control = TestWire.Client(new Uri(server.CodeArtsBaseUrl + "/"));
        await control.PostAsync("_sim/faults", TestWire.Json("""{"route":"status","kind":"delay","delay_ms":1500}"""));
        await control.PostAsync("_sim/faults", TestWire.Json("""{"route":"STATUS","kind":"abort","count":2}"""));

        var plans = await TestWire.ReadJsonAsync(await control.GetAsync("_sim/faults"));

        Assert.Empty(plans.GetProperty("dispatch").EnumerateArray());
        var status = plans.GetProperty("status").EnumerateArray().ToList();
        Assert.Equal(2, status.Count);
        Assert.Equal(("delay", 1500L, false), (status[0].Str("kind"), status[0].GetProperty("delay_ms").GetInt64(), status[0].TryGetProperty("count", out _)));
        Assert.Equal(("abort", 2), (status[1].Str("kind"), status[1].GetProperty("count").GetInt32()));
        Assert.Equal(2, server.CodeArts.StatusFaults.Rules.Count);
    }

    [Fact]
    public async Task DeleteFaults_ForOneRoute_ClearsOnlyThatRoute()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.UpdateStatusFaults.FailAlways();
        server.Backend.ModelStateFaults.FailAlways();
        using var control = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        using var cleared = await control.DeleteAsync("_sim/faults?route=modelstate");

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Empty(server.Backend.ModelStateFaults.Rules);
        Assert.Single(server.Backend.UpdateStatusFaults.Rules);

        using var all = await control.DeleteAsync("_sim/faults");
        Assert.Empty(server.Backend.UpdateStatusFaults.Rules);
    }

    [Fact]
    public async Task PostFault_AbortUpdateStatusOnTheBackend_NextPushIsReset()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var control = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        using var added = await control.PostAsync("_sim/faults", TestWire.Json("""{"route":"updateStatus","kind":"abort","count":1}"""));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", "running"))));
        Assert.Equal(FaultKind.Abort, Assert.Single(server.Backend.Pushes).Fault);
    }

    [Theory]
    [InlineData("""{"route":"updateStatus","kind":"fail"}""")]
    [InlineData("""{"kind":"fail"}""")]
    [InlineData("""{"route":"dispatch","kind":"explode"}""")]
    [InlineData("""{"route":"dispatch","kind":"fail","count":0}""")]
    [InlineData("""{"route":"dispatch","kind":"fail","status_code":42}""")]
    [InlineData("""{"route":"dispatch","kind":"delay"}""")]
    [InlineData("""not json""")]
    public async Task PostFault_Nonsense_Returns400AndChangesNothing(string body)
    {
        await using var server = await SimulatorServer.StartAsync();
        using var control = TestWire.Client(new Uri(server.CodeArtsBaseUrl + "/"));

        using var response = await control.PostAsync("_sim/faults", TestWire.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(server.CodeArts.DispatchFaults.Rules);
        Assert.Empty(server.CodeArts.StatusFaults.Rules);
    }

    [Fact]
    public async Task GetTasks_AfterDispatches_ListsThemWithStatuses()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { CompleteAfterPolls = 1 } });
        using var http = CodeArtsSimulatorTests.CodeArtsClient(server, token: null);
        var done = await CodeArtsSimulatorTests.DispatchAsync(http, "g/done");
        await CodeArtsSimulatorTests.PollStatusAsync(http, done);
        await CodeArtsSimulatorTests.DispatchAsync(http, "g/busy");

        var tasks = (await TestWire.ReadJsonAsync(await http.GetAsync("_sim/tasks"))).EnumerateArray().ToList();

        Assert.Equal(
            [("g/done", "success", 1), ("g/busy", "running", 0)],
            tasks.Select(t => (t.Str("model_id"), t.Str("status"), t.GetProperty("poll_count").GetInt32())));
    }
}
