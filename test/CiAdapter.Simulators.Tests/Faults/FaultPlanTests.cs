using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Tests.Support;

namespace CiAdapter.Simulators.Tests.Faults;

/// <summary>Fault plans seen through the calls they catch.</summary>
public sealed class FaultPlanTests
{
    [Fact]
    public async Task Rules_QueuedInOrder_CatchCallsInOrderThenServeNormally()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.ModelStateFaults.FailNext(2, 502).FailNext(1, 500);
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        List<int> statuses = [];
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.GetAsync("api/modelstate");
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([502, 502, 500, 200], statuses);
        Assert.Equal(3, server.Backend.ModelStateFaults.InjectedCount);
        Assert.Empty(server.Backend.ModelStateFaults.Rules);
    }

    [Fact]
    public async Task RuleWithoutCount_CatchesEveryCallUntilCleared()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.ModelStateFaults.FailAlways(503).FailNext(1, 400);
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        for (var i = 0; i < 5; i++)
        {
            using var failing = await http.GetAsync("api/modelstate");
            Assert.Equal(503, (int)failing.StatusCode);
        }

        server.Backend.ModelStateFaults.Clear();
        using var served = await http.GetAsync("api/modelstate");

        Assert.Equal(200, (int)served.StatusCode);
        Assert.Equal(1, server.Backend.ModelStateReadCount);
        Assert.Equal(6, server.Backend.ModelStateReads.Count);
    }

    [Fact]
    public async Task Rules_PartlyUsed_ReportWhatEachStillCatches()
    {
        await using var server = await SimulatorServer.StartAsync();
        var plan = server.Backend.ModelStateFaults
            .FailNext(3, 429)
            .Add(new FaultRule(FaultKind.Abort, count: null, delay: TimeSpan.FromSeconds(2)));
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        for (var i = 0; i < 2; i++)
        {
            using var response = await http.GetAsync("api/modelstate");
            Assert.Equal(429, (int)response.StatusCode);
        }

        var rules = plan.Rules;
        Assert.Equal(2, rules.Count);
        Assert.Equal((FaultKind.Fail, 1, 429), (rules[0].Kind, rules[0].Count, rules[0].StatusCode));
        Assert.Equal((FaultKind.Abort, (int?)null, TimeSpan.FromSeconds(2)), (rules[1].Kind, rules[1].Count, rules[1].Delay));
    }

    [Fact]
    public async Task ConcurrentCalls_CaughtExactlyTheRuleCount()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Backend.ModelStateFaults.FailNext(25, 503);
        using var http = TestWire.Client(new Uri(server.BackendBaseUrl + "/"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async _ =>
        {
            using var response = await http.GetAsync("api/modelstate");
            return (int)response.StatusCode;
        }));

        Assert.Equal(25, responses.Count(s => s == 503));
        Assert.Equal(35, responses.Count(s => s == 200));
    }

    [Theory]
    [InlineData(FaultKind.Fail, 0, 503, 0)]
    [InlineData(FaultKind.Fail, -2, 503, 0)]
    [InlineData(FaultKind.Fail, 1, 99, 0)]
    [InlineData(FaultKind.Fail, 1, 600, 0)]
    [InlineData(FaultKind.Delay, 1, 503, 0)]
    [InlineData(FaultKind.Delay, 1, 503, -5)]
    [InlineData((FaultKind)42, 1, 503, 0)]
    public void FaultRule_Nonsense_IsRefused(FaultKind kind, int count, int statusCode, int delayMs)
    {
        Assert.ThrowsAny<ArgumentException>(() => new FaultRule(kind, count, statusCode, TimeSpan.FromMilliseconds(delayMs)));
    }
}
