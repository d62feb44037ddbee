using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Tests.CodeArts;

public sealed class CodeArtsLoggingTests
{
    [Fact]
    public async Task Calls_WithRightAndWrongTokens_LogWhatHappenedButNeverAToken()
    {
        const string token = "s3cr3t-ci-token-value";
        const string wrongToken = "wr0ng-t0ken-value";
        using var provider = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        await using (var server = await SimulatorServer.StartAsync(new()
        {
            CodeArts = new() { Token = token, CompleteAfterPolls = 1 },
            LoggerFactory = loggerFactory,
        }))
        {
            using var authorized = CodeArtsSimulatorTests.CodeArtsClient(server, token);
            using var intruder = CodeArtsSimulatorTests.CodeArtsClient(server, wrongToken);
            var taskId = await CodeArtsSimulatorTests.DispatchAsync(authorized, "g/m");
            await CodeArtsSimulatorTests.PollStatusAsync(authorized, taskId);
            using var refused = await intruder.PostAsync("dispatch", TestWire.DispatchBody("g/m"));
        }

        var lines = provider.Lines;
        Assert.Contains(lines, l => l.EventId.Id == 9100 && l.Message.Contains("g/m", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EventId.Id == 9101 && l.Message.Contains("success", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EventId.Id == 9102);
        Assert.Contains(lines, l => l.EventId.Id == 9160);
        Assert.DoesNotContain(lines, l => l.Message.Contains(token, StringComparison.Ordinal) || l.Message.Contains(wrongToken, StringComparison.Ordinal));
    }
}
