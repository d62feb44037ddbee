using System.Net;
using System.Net.Sockets;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Tests.CodeArts;

namespace CiAdapter.Simulators.Tests.Hosting;

public sealed class SimulatorServerTests
{
    [Fact]
    public async Task StartAsync_TwoServers_EachOnItsOwnLoopbackPort()
    {
        await using var first = await SimulatorServer.StartAsync();
        await using var second = await SimulatorServer.StartAsync();

        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        Assert.Equal($"http://127.0.0.1:{first.Port}/codearts", first.CodeArtsBaseUrl);
        Assert.Equal($"http://127.0.0.1:{first.Port}/backend", first.BackendBaseUrl);
    }

    [Fact]
    public async Task DisposeAsync_ThenACall_IsRefused()
    {
        var server = await SimulatorServer.StartAsync();
        var url = server.BackendBaseUrl + "/api/modelstate";
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(url))).StatusCode);

        await server.DisposeAsync();
        await server.DisposeAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(url)));
        Assert.Equal(SocketError.ConnectionRefused, (error.InnerException as SocketException)?.SocketErrorCode);
    }

    [Fact]
    public async Task StartAsync_SameSimulatorsOnTheSamePort_AnOutageKeepsTheirState()
    {
        var server = await SimulatorServer.StartAsync(new() { CodeArts = new() { RunTime = Timeout.InfiniteTimeSpan } });
        var port = server.Port;
        var (codeArts, backend) = (server.CodeArts, server.Backend);
        using var http = CodeArtsSimulatorTests.CodeArtsClient(server, token: null);
        var taskId = await CodeArtsSimulatorTests.DispatchAsync(http, "g/m");
        await server.DisposeAsync();

        await using var restarted = await SimulatorServer.StartAsync(new() { Port = port, CodeArtsSimulator = codeArts, BackendSimulator = backend });

        Assert.Same(codeArts, restarted.CodeArts);
        Assert.Equal("running", await CodeArtsSimulatorTests.PollStatusAsync(http, taskId));
    }

    [Fact]
    public async Task StartAsync_PortInUse_FailsWithoutLeavingAServer()
    {
        await using var taken = await SimulatorServer.StartAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => SimulatorServer.StartAsync(new() { Port = taken.Port }));
    }
}
