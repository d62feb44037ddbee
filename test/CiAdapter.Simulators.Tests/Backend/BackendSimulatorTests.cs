using System.Net;
using System.Text.Json;
using CiAdapter.Simulators.Backend;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Tests.Support;
using CiAdapter.Simulators.Wire;

namespace CiAdapter.Simulators.Tests.Backend;

public sealed class BackendSimulatorTests
{
    [Fact]
    public async Task ModelState_SeededModels_ServedInTheSeedShape()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.Seed(
        [
            new ModelInfo
            {
                GroupName = "ai-group", ModelName = "llama-7b", ModelId = "ai-group/llama-7b", Version = "3",
                TestStatus = "running", LastUpdated = "2026-12-04T10:00:00Z",
                CiTask = new CiTaskInfo { TaskId = "t-1", ModelId = "ai-group/llama-7b", Status = "running", ReportUrl = "https://ci/r/t-1" },
            },
            new ModelInfo { GroupName = "g", ModelName = "waiting", ModelId = "g/waiting", Version = "1", TestStatus = "pending", LastUpdated = "2026-12-04T09:00:00Z" },
        ]);
        using var http = BackendClient(server);

        using var response = await http.GetAsync("api/modelstate");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var models = (await TestWire.ReadJsonAsync(response)).GetProperty("models");
        var running = models.GetProperty("ai-group/llama-7b");
        Assert.Equal(("ai-group", "llama-7b", "3", "running", "2026-12-04T10:00:00Z"), (
            running.Str("group_name"), running.Str("model_name"), running.Str("version"),
            running.Str("test_status"), running.Str("last_updated")));
        Assert.Equal(("t-1", "running", "https://ci/r/t-1"), (
            running.GetProperty("ci_task").Str("task_id"),
            running.GetProperty("ci_task").Str("status"),
            running.GetProperty("ci_task").Str("report_url")));
        var pending = models.GetProperty("g/waiting");
        Assert.Equal(JsonValueKind.Object, pending.GetProperty("ci_task").ValueKind);
        Assert.Empty(pending.GetProperty("ci_task").EnumerateObject());

        var read = await server.Backend.WaitForModelStateReadAsync(1, TimeSpan.FromSeconds(5));
        Assert.Equal((200, 2), (read.StatusCode, read.ModelCount));
    }

    [Fact]
    public async Task ModelState_SeededWithANumericVersion_ServedVerbatim()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.SeedJson("g/m", """{"group_name":"g","model_name":"m","model_id":"g/m","version":3,"test_status":"success","last_updated":"2026-12-04T10:00:00Z","owner":"someone"}""");
        using var http = BackendClient(server);

        var model = (await TestWire.ReadJsonAsync(await http.GetAsync("api/modelstate"))).GetProperty("models").GetProperty("g/m");

        Assert.Equal(JsonValueKind.Number, model.GetProperty("version").ValueKind);
        Assert.Equal(3, model.GetProperty("version").GetInt32());
        Assert.Equal("someone", model.Str("owner"));
        Assert.False(model.TryGetProperty("ci_task", out _));
    }

    [Fact]
    public async Task ModelState_NothingSeeded_ServesAnEmptyMap()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = BackendClient(server);

        Assert.Equal("""{"models":{}}""", await http.GetStringAsync("api/modelstate"));
    }

    [Fact]
    public async Task UpdateStatus_KnownModels_RecordedAndTheServedStatusFollows()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.Seed(new ModelInfo { ModelId = "g/a", Version = "1", TestStatus = "pending", LastUpdated = "2026-12-04T09:00:00Z" });
        using var http = BackendClient(server);

        using var first = await http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/a", "running")));
        using var second = await http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/a", "success"), ("g/b", "failed")));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("success", server.Backend.LatestStatus("g/a"));
        Assert.Equal(["running", "success"], server.Backend.StatusHistory("g/a"));
        Assert.Equal("failed", server.Backend.LatestStatus("g/b"));
        Assert.Null(server.Backend.LatestStatus("g/never"));
        Assert.Equal(["g/a", "g/b"], server.Backend.ReportedModelIds.Order(StringComparer.Ordinal));
        Assert.Equal(2, server.Backend.PushCount);
        Assert.Equal(2, server.Backend.ReportCount("g/a"));
        var pushes = server.Backend.Pushes;
        Assert.Equal([new ReportedStatus("g/a", "success"), new ReportedStatus("g/b", "failed")], pushes[1].Statuses);
        Assert.True(pushes.All(p => p.Applied && p.StatusCode == 200));
        Assert.Equal("success", server.Backend.ServedStatus("g/a"));
        var servedA = server.Backend.GetModel("g/a")!;
        Assert.Equal("2026-12-04T09:00:00Z", (string?)servedA["last_updated"]);
        Assert.Equal("1", (string?)servedA["version"]);
    }

    [Fact]
    public async Task UpdateStatus_UnknownModel_LearnedIntoTheServedMap()
    {
        var clock = new ManualClock();
        await using var server = await SimulatorServer.StartAsync(new() { Backend = new() { TimeProvider = clock } });
        using var http = BackendClient(server);

        using var response = await http.PostAsync("updateStatus", TestWire.StatusUpdate(("grp/new-model", "running")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var model = (await TestWire.ReadJsonAsync(await http.GetAsync("api/modelstate"))).GetProperty("models").GetProperty("grp/new-model");
        Assert.Equal(("grp", "new-model", "grp/new-model", "running", "2026-12-04T10:00:00Z"), (
            model.Str("group_name"), model.Str("model_name"), model.Str("model_id"), model.Str("test_status"), model.Str("last_updated")));
        Assert.Empty(model.GetProperty("ci_task").EnumerateObject());
        Assert.False(model.TryGetProperty("version", out _));
    }

    [Fact]
    public async Task UpdateStatus_UnknownModelWhenLearningIsOff_RecordedButNotServed()
    {
        await using var server = await SimulatorServer.StartAsync(new() { Backend = new() { AddUnknownModels = false } });
        using var http = BackendClient(server);

        using var response = await http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", "running")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("running", server.Backend.LatestStatus("g/m"));
        Assert.Empty(server.Backend.ModelIds);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"statuses":{"model_id":"g/m","status":"running"}}""")]
    [InlineData("""{"statuses":[{"model_id":"g/m","status":"running"},{"status":"success"}]}""")]
    [InlineData("""{"statuses":[{"model_id":"g/m","status":"Running"}]}""")]
    [InlineData("""{"statuses":[{"model_id":"g/m","status":"done"}]}""")]
    [InlineData("""{"statuses":[null]}""")]
    public async Task UpdateStatus_Malformed_Returns400AndTakesNothingIn(string body)
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = BackendClient(server);

        using var response = await http.PostAsync("updateStatus", TestWire.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(server.Backend.LatestStatus("g/m"));
        Assert.Empty(server.Backend.ModelIds);
        var push = Assert.Single(server.Backend.Pushes);
        Assert.Equal((body, 400, false), (push.Body, push.StatusCode, push.Applied));
    }

    [Fact]
    public async Task UpdateStatus_EmptyStatuses_Accepted()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = BackendClient(server);

        using var response = await http.PostAsync("updateStatus", TestWire.Json("""{"statuses":[],"source":"ci-adapter"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Assert.Single(server.Backend.Pushes).Statuses);
    }

    [Fact]
    public async Task UpdateStatus_NotJsonContentType_Returns415()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = BackendClient(server);

        using var response = await http.PostAsync("updateStatus", new StringContent("""{"statuses":[]}"""));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task WaitForStatusAsync_StatusPushedLater_CompletesWithThatPush()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = BackendClient(server);
        var waiting = server.Backend.WaitForStatusAsync("g/m", "success", TimeSpan.FromSeconds(10));

        await http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", "running")));
        Assert.False(waiting.IsCompleted);
        await http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/other", "failed"), ("g/m", "success")));

        var push = await waiting;
        Assert.Contains(new ReportedStatus("g/m", "success"), push.Statuses);
    }

    [Fact]
    public async Task WaitForStatusAsync_NeverPushed_TimesOutListingWhatWasTold()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = BackendClient(server);
        await http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", "running")));

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => server.Backend.WaitForStatusAsync("g/m", "success", TimeSpan.FromMilliseconds(100)));

        Assert.Contains("[running]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetRecords_AfterPushes_ForgetsThemButKeepsTheServedModels()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = BackendClient(server);
        await http.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", "success")));

        server.Backend.ResetRecords();

        Assert.Empty(server.Backend.Pushes);
        Assert.Null(server.Backend.LatestStatus("g/m"));
        Assert.Equal("success", server.Backend.ServedStatus("g/m"));
    }

    [Fact]
    public void Seed_ModelWithoutAnId_IsRefused()
    {
        var backend = new BackendSimulator();

        Assert.ThrowsAny<ArgumentException>(() => backend.Seed(new ModelInfo { ModelName = "m" }));
        Assert.ThrowsAny<ArgumentException>(() => backend.SeedJson("g/m", "[1,2]"));
    }

    private static HttpClient BackendClient(SimulatorServer server) => TestWire.Client(new Uri(server.BackendBaseUrl + "/"));
}
