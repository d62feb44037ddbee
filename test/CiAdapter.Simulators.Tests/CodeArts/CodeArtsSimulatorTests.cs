using System.Net;
using System.Text.Json;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Tests.Support;

namespace CiAdapter.Simulators.Tests.CodeArts;

public sealed class CodeArtsSimulatorTests
{
    private const string Token = "ci-secret-token";

    [Fact]
    public async Task Dispatch_ValidModelInfo_ReturnsRunningTaskAndRecordsTheBody()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { Token = Token } });
        using var http = CodeArtsClient(server, Token);
        using var body = TestWire.DispatchBody("ai-group/llama-7b", version: "3");
        var sent = await body.ReadAsStringAsync();

        using var response = await http.PostAsync("dispatch", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = await TestWire.ReadJsonAsync(response);
        var taskId = task.Str("task_id");
        Assert.False(string.IsNullOrWhiteSpace(taskId));
        Assert.Equal("ai-group/llama-7b", task.Str("model_id"));
        Assert.Equal("running", task.Str("status"));
        Assert.Equal($"{server.CodeArtsBaseUrl}/reports/{taskId}", task.Str("report_url"));

        var record = Assert.Single(server.CodeArts.Dispatches);
        Assert.Equal(sent, record.Body);
        Assert.Equal("ai-group/llama-7b", record.ModelId);
        Assert.Equal("3", record.Request!.Version);
        Assert.Equal("llama-7b", record.Request.ModelName);
        Assert.Equal("https://models.example/ai-group/llama-7b", record.Request.ModelUrl);
        Assert.Equal(200, record.StatusCode);
        Assert.Equal(taskId, record.TaskId);
        Assert.Null(record.Fault);
        Assert.InRange(record.ReceivedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.Equal(1, server.CodeArts.DispatchCount("ai-group/llama-7b"));
    }

    [Fact]
    public async Task Status_RunTimeElapses_RunningThenSuccess()
    {
        var clock = new ManualClock();
        await using var server = await SimulatorServer.StartAsync(new()
        {
            CodeArts = new() { Token = Token, RunTime = TimeSpan.FromMinutes(2), TimeProvider = clock },
        });
        using var http = CodeArtsClient(server, Token);
        var taskId = await DispatchAsync(http, "g/good-model");

        Assert.Equal("running", await PollStatusAsync(http, taskId));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("running", await PollStatusAsync(http, taskId));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("success", await PollStatusAsync(http, taskId));
        Assert.Equal("success", await PollStatusAsync(http, taskId));

        Assert.Equal(4, server.CodeArts.PollCount(taskId));
        var task = server.CodeArts.GetTask(taskId)!;
        Assert.True(task.IsFinished);
        Assert.Equal(task.DispatchedAt + TimeSpan.FromMinutes(2), task.FinishedAt);
        Assert.Equal(["running", "running", "success", "success"], server.CodeArts.Polls.Select(p => p.Status));
    }

    [Fact]
    public async Task Status_RealRunTimeElapses_TaskEndsWithoutFurtherHelp()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { RunTime = TimeSpan.FromMilliseconds(200) } });
        using var http = CodeArtsClient(server, token: null);
        var taskId = await DispatchAsync(http, "g/quick");

        await server.CodeArts.WaitUntilAsync(
            sim => sim.GetTask(taskId)!.IsFinished,
            TimeSpan.FromSeconds(10));

        Assert.Equal("success", await PollStatusAsync(http, taskId));
    }

    [Fact]
    public async Task Status_ModelNameContainsFail_EndsFailed()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { CompleteAfterPolls = 1 } });
        using var http = CodeArtsClient(server, token: null);

        var failing = await DispatchAsync(http, "g/should-FAIL-here");
        var passing = await DispatchAsync(http, "g/fine");

        Assert.Equal("failed", await PollStatusAsync(http, failing));
        Assert.Equal("success", await PollStatusAsync(http, passing));
    }

    [Fact]
    public async Task Status_CustomOutcomeRule_DecidesTheResult()
    {
        await using var server = await SimulatorServer.StartAsync(new()
        {
            CodeArts = new() { CompleteAfterPolls = 1, Succeeds = model => model.Version == "2" },
        });
        using var http = CodeArtsClient(server, token: null);

        var first = await DispatchAsync(http, "g/m", version: "1");
        var second = await DispatchAsync(http, "g/m", version: "2");

        Assert.Equal("failed", await PollStatusAsync(http, first));
        Assert.Equal("success", await PollStatusAsync(http, second));
        Assert.Equal(2, server.CodeArts.DispatchCount("g/m"));
        Assert.Equal([first, second], server.CodeArts.TasksFor("g/m").Select(t => t.TaskId));
    }

    [Fact]
    public async Task Status_CompleteAfterPolls_TheNthPollSeesTheResult()
    {
        await using var server = await SimulatorServer.StartAsync(new()
        {
            CodeArts = new() { RunTime = Timeout.InfiniteTimeSpan, CompleteAfterPolls = 3 },
        });
        using var http = CodeArtsClient(server, token: null);
        var taskId = await DispatchAsync(http, "g/m");

        Assert.Equal("running", await PollStatusAsync(http, taskId));
        Assert.Equal("running", await PollStatusAsync(http, taskId));
        Assert.Equal("success", await PollStatusAsync(http, taskId));
    }

    [Fact]
    public async Task CompleteTask_RunningTask_EndsWithTheGivenResult()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { RunTime = Timeout.InfiniteTimeSpan } });
        using var http = CodeArtsClient(server, token: null);
        var taskId = await DispatchAsync(http, "g/m");
        Assert.Equal("running", await PollStatusAsync(http, taskId));

        Assert.True(server.CodeArts.CompleteTask(taskId, succeeded: false));
        Assert.False(server.CodeArts.CompleteTask(taskId, succeeded: true));
        Assert.False(server.CodeArts.CompleteTask("no-such-task", succeeded: true));

        Assert.Equal("failed", await PollStatusAsync(http, taskId));
    }

    [Fact]
    public async Task Status_UnknownTask_Returns404AndIsRecorded()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { Token = Token } });
        using var http = CodeArtsClient(server, Token);

        using var response = await http.GetAsync("task/no-such-task/status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var poll = Assert.Single(server.CodeArts.Polls);
        Assert.Equal(("no-such-task", 404), (poll.TaskId, poll.StatusCode));
        Assert.Equal(1, server.CodeArts.PollCount("no-such-task"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic Y2ktc2VjcmV0LXRva2Vu")]
    [InlineData("Bearer ci-secret-token-and-more")]
    public async Task Calls_WithoutTheConfiguredToken_Return401AndCreateNothing(string? authorization)
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { Token = Token } });
        using var authorized = CodeArtsClient(server, Token);
        var taskId = await DispatchAsync(authorized, "g/existing");
        using var http = CodeArtsClient(server, token: null);

        using var dispatch = new HttpRequestMessage(HttpMethod.Post, "dispatch") { Content = TestWire.DispatchBody("g/m") };
        using var status = new HttpRequestMessage(HttpMethod.Get, $"task/{taskId}/status");
        if (authorization is not null)
        {
            dispatch.Headers.TryAddWithoutValidation("Authorization", authorization);
            status.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var dispatchResponse = await http.SendAsync(dispatch);
        using var statusResponse = await http.SendAsync(status);

        Assert.Equal(HttpStatusCode.Unauthorized, dispatchResponse.StatusCode);
        Assert.Equal("Bearer", dispatchResponse.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, statusResponse.StatusCode);
        Assert.Equal(0, server.CodeArts.DispatchCount("g/m"));
        Assert.Equal(1, server.CodeArts.DispatchAttemptCount("g/m"));
        Assert.Equal(0, server.CodeArts.GetTask(taskId)!.PollCount);
    }

    [Fact]
    public async Task Calls_BearerSchemeInAnyCase_AreAccepted()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { Token = Token } });
        using var http = CodeArtsClient(server, token: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "dispatch") { Content = TestWire.DispatchBody("g/m") };
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"group_name\":\"g\",\"model_name\":\"m\"}")]
    [InlineData("{\"model_id\":\"  \"}")]
    [InlineData("{\"model_id\":\"g/m\",\"version\":3}")]
    public async Task Dispatch_BodyThatIsNotModelInfo_Returns400AndCreatesNothing(string body)
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsClient(server, token: null);

        using var response = await http.PostAsync("dispatch", TestWire.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await TestWire.ReadJsonAsync(response);
        Assert.Equal("SIM.400", error.Str("error_code"));
        Assert.Empty(server.CodeArts.Tasks);
        var record = Assert.Single(server.CodeArts.Dispatches);
        Assert.Equal((body, 400, false), (record.Body, record.StatusCode, record.Accepted));
    }

    [Fact]
    public async Task Dispatch_NotJsonContentType_Returns415()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsClient(server, token: null);
        using var content = new StringContent("{\"model_id\":\"g/m\"}");

        using var response = await http.PostAsync("dispatch", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(server.CodeArts.Tasks);
    }

    [Fact]
    public async Task Dispatch_BodyOverOneMebibyte_Returns413()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsClient(server, token: null);
        var body = $$"""{"model_id":"g/m","model_url":"{{new string('x', 1024 * 1024)}}"}""";

        using var response = await http.PostAsync("dispatch", TestWire.Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(server.CodeArts.Tasks);
        Assert.Equal(413, Assert.Single(server.CodeArts.Dispatches).StatusCode);
    }

    [Fact]
    public async Task Dispatch_UnknownFieldsAndEmptyCiTask_AreIgnored()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsClient(server, token: null);
        const string body = """{"model_id":"g/m","ci_task":{},"extra":{"nested":[1,2]},"priority":7}""";

        using var response = await http.PostAsync("dispatch", TestWire.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(server.CodeArts.Dispatches);
        Assert.Null(record.Request!.CiTask!.TaskId);
        Assert.Null(record.Request.ModelName);
    }

    [Fact]
    public async Task Dispatch_AtTheRunningCap_Returns429UntilATaskEnds()
    {
        await using var server = await SimulatorServer.StartAsync(new()
        {
            CodeArts = new() { RunTime = Timeout.InfiniteTimeSpan, MaxRunningTasks = 2 },
        });
        using var http = CodeArtsClient(server, token: null);
        var first = await DispatchAsync(http, "g/one");
        await DispatchAsync(http, "g/two");

        using var refused = await http.PostAsync("dispatch", TestWire.DispatchBody("g/three"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(2, server.CodeArts.RunningCount);
        Assert.Equal(0, server.CodeArts.DispatchCount("g/three"));

        server.CodeArts.CompleteTask(first, succeeded: true);
        await DispatchAsync(http, "g/three");
        Assert.Equal(1, server.CodeArts.DispatchCount("g/three"));
        Assert.Equal(2, server.CodeArts.DispatchAttemptCount("g/three"));
    }

    [Fact]
    public async Task WaitForDispatchAsync_DispatchArrivesLater_CompletesWithItsRecord()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsClient(server, token: null);

        var waiting = server.CodeArts.WaitForDispatchAsync("g/m", count: 2, TimeSpan.FromSeconds(10));
        await DispatchAsync(http, "g/m");
        Assert.False(waiting.IsCompleted);
        var second = await DispatchAsync(http, "g/m");

        var record = await waiting;
        Assert.Equal(second, record.TaskId);
    }

    [Fact]
    public async Task WaitForPollAsync_PollsArriveLater_Completes()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsClient(server, token: null);
        var taskId = await DispatchAsync(http, "g/m");

        var waiting = server.CodeArts.WaitForPollAsync(taskId, count: 2, TimeSpan.FromSeconds(10));
        await PollStatusAsync(http, taskId);
        await PollStatusAsync(http, taskId);

        var record = await waiting;
        Assert.Equal(("running", 200), (record.Status, record.StatusCode));
    }

    [Fact]
    public async Task WaitForDispatchAsync_NothingArrives_TimesOutNamingWhatItSaw()
    {
        await using var server = await SimulatorServer.StartAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => server.CodeArts.WaitForDispatchAsync("g/never", timeout: TimeSpan.FromMilliseconds(100)));

        Assert.Contains("g/never", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OfATask_IsServedAsText()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { Token = Token } });
        using var http = CodeArtsClient(server, Token);
        using var dispatched = await http.PostAsync("dispatch", TestWire.DispatchBody("g/m"));
        var reportUrl = (await TestWire.ReadJsonAsync(dispatched)).Str("report_url");
        using var browser = new HttpClient();

        var report = await browser.GetStringAsync(new Uri(reportUrl));

        Assert.Contains("model:         g/m", report, StringComparison.Ordinal);
        Assert.Contains("status:        running", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_AfterCalls_ForgetsTasksAndRecords()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = CodeArtsClient(server, token: null);
        var taskId = await DispatchAsync(http, "g/m");
        await PollStatusAsync(http, taskId);

        server.CodeArts.Reset();

        Assert.Empty(server.CodeArts.Dispatches);
        Assert.Empty(server.CodeArts.Polls);
        Assert.Empty(server.CodeArts.Tasks);
        Assert.Equal(0, server.CodeArts.DispatchCount("g/m"));
        using var response = await http.GetAsync($"task/{taskId}/status");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Records_BeyondMaxRecords_KeepTheNewestAndExactCounters()
    {
        await using var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { MaxRecords = 3, CompleteAfterPolls = 1 } });
        using var http = CodeArtsClient(server, token: null);
        List<string> taskIds = [];
        for (var i = 0; i < 5; i++)
        {
            var taskId = await DispatchAsync(http, "g/m");
            await PollStatusAsync(http, taskId);
            taskIds.Add(taskId);
        }

        Assert.Equal(taskIds[2..], server.CodeArts.Dispatches.Select(d => d.TaskId));
        Assert.Equal(taskIds[2..], server.CodeArts.Tasks.Select(t => t.TaskId));
        Assert.Equal(5, server.CodeArts.DispatchCount("g/m"));
        Assert.Equal(5, server.CodeArts.DispatchAttemptCount("g/m"));
    }

    internal static HttpClient CodeArtsClient(SimulatorServer server, string? token, TimeSpan? timeout = null) =>
        TestWire.Client(new Uri(server.CodeArtsBaseUrl + "/"), token, timeout);

    internal static async Task<string> DispatchAsync(HttpClient http, string modelId, string version = "1")
    {
        using var response = await http.PostAsync("dispatch", TestWire.DispatchBody(modelId, version));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await TestWire.ReadJsonAsync(response)).Str("task_id");
    }

    internal static async Task<string> PollStatusAsync(HttpClient http, string taskId)
    {
        using var response = await http.GetAsync($"task/{Uri.EscapeDataString(taskId)}/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = await TestWire.ReadJsonAsync(response);
        Assert.Equal(taskId, task.Str("task_id"));
        Assert.Equal(JsonValueKind.String, task.GetProperty("report_url").ValueKind);
        return task.Str("status");
    }
}
