using CiAdapter.Simulators.Hosting;
using CiAdapter.Testing;
using CiAdapter.Testing.Orleans;
using CiAdapter.Testing.Service;

namespace CiAdapter.Silo.Tests.Acceptance;

/// <summary>The built service as operators run it: <c>dotnet CiAdapter.Silo.dll</c> with Production settings.</summary>
public sealed class ServiceProcessTests : IAsyncLifetime
{
    private const string CiToken = "acceptance-ci-token";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private SimulatorServer _simulators = null!;

    public async Task InitializeAsync() => _simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
    {
        CodeArts = new() { Token = CiToken, RunTime = TimeSpan.FromSeconds(1) },
    });

    public Task DisposeAsync() => _simulators.DisposeAsync().AsTask();

    [Fact]
    public async Task BuiltDll_RestoresPendingRunningAndFinished_DrivesEachToItsResultWithoutRedispatch()
    {
        var pending = TestEvents.NewModelId("pending");
        var pendingToFail = TestEvents.NewModelId("pending-fail");
        var running = TestEvents.NewModelId("running");
        var finished = TestEvents.NewModelId("finished");
        _simulators.CodeArts.RunTime = TimeSpan.FromHours(1);
        var runningTask = await BackendModels.StartTaskAsync(_simulators, running, CiToken, version: 2);
        _simulators.CodeArts.RunTime = TimeSpan.FromSeconds(1);
        _simulators.Backend.Seed(BackendModels.Model(pending, "pending", version: 1));
        _simulators.Backend.Seed(BackendModels.Model(pendingToFail, "pending", version: 3));
        _simulators.Backend.Seed(BackendModels.Model(running, "running", version: 2, taskId: runningTask));
        _simulators.Backend.Seed(BackendModels.Model(finished, "success", version: 1, taskId: "finished-task"));

        await using var service = ServiceProcess.Start(ProductionSettings());
        await service.WaitUntilReadyAsync();

        await _simulators.Backend.WaitForStatusAsync(pending, "success", Deadline);
        await _simulators.Backend.WaitForStatusAsync(pendingToFail, "failed", Deadline);
        await _simulators.CodeArts.WaitForPollAsync(runningTask, timeout: Deadline);
        _simulators.CodeArts.CompleteTask(runningTask, succeeded: true);
        await _simulators.Backend.WaitForStatusAsync(running, "success", Deadline);
        await _simulators.Backend.WaitForStatusAsync(finished, "success", Deadline);

        Assert.Equal(1, _simulators.CodeArts.DispatchCount(pending));
        Assert.Equal(1, _simulators.CodeArts.DispatchCount(pendingToFail));
        Assert.Equal(1, _simulators.CodeArts.DispatchCount(running)); // the earlier incarnation's dispatch only
        Assert.Equal(0, _simulators.CodeArts.DispatchCount(finished));
        Assert.Equal(0, _simulators.CodeArts.PollCount("finished-task"));
        Assert.DoesNotContain(service.Output, line => line.Contains(CiToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuiltDll_BadInterval_ExitsWithOneLineNamingKeyAndValue()
    {
        var settings = ProductionSettings();
        settings["CHECK_PENDING_INTERVAL"] = "10x";

        await using var service = ServiceProcess.Start(settings);
        var exitCode = await service.WaitForExitAsync(Deadline);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(service.Output, l => l.Contains("configuration error", StringComparison.Ordinal));
        Assert.Contains("CHECK_PENDING_INTERVAL='10x'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltDll_ProductionWithoutToken_RefusesToStart()
    {
        var settings = ProductionSettings();
        settings["CI_API_TOKEN"] = null;

        await using var service = ServiceProcess.Start(settings);
        var exitCode = await service.WaitForExitAsync(Deadline);

        Assert.Equal(2, exitCode);
        Assert.Contains(service.Output, l => l.Contains("CI_API_TOKEN is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuiltDll_BackendUnreachable_NotReadyThenExitsNonZeroAfterRestoreTimeout()
    {
        _simulators.Backend.ModelStateFaults.FailAlways(503);
        var settings = ProductionSettings();
        settings["RESTORE_TIMEOUT"] = "3s";

        await using var service = ServiceProcess.Start(settings);
        await Wait.UntilAsync(
            async () =>
            {
                try
                {
                    using var live = await service.Http.GetAsync("healthz");
                    using var ready = await service.Http.GetAsync("readyz");
                    return live.IsSuccessStatusCode && (int)ready.StatusCode == 503;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            Deadline,
            "the service is alive but not ready while the backend is down");
        var exitCode = await service.WaitForExitAsync(Deadline);

        _simulators.Backend.ModelStateFaults.Clear();
        Assert.Equal(3, exitCode);
        Assert.Contains(service.Output, l => l.Contains("RESTORE_TIMEOUT", StringComparison.Ordinal));
    }

    private Dictionary<string, string?> ProductionSettings() => ServiceSettings.Production(_simulators, CiToken, syncBackendInterval: "2s");
}
