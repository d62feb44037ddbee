using System.Net;
using CiAdapter.Simulators.Backend;
using CiAdapter.Simulators.CodeArts;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Tests.CodeArts;
using CiAdapter.Simulators.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Tests.Hosting;

/// <summary>The simulators mapped into a host app under path prefixes, as the service's local default does.</summary>
public sealed class SimulatorEndpointRouteBuilderExtensionsTests
{
    [Fact]
    public async Task MapSimulators_UnderPrefixes_ServeTheContractBesideTheAppsOwnRoutes()
    {
        var codeArts = new CodeArtsSimulator(new() { Token = "t", CompleteAfterPolls = 1 });
        var backend = new BackendSimulator();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapCodeArtsSimulator("/sim/codearts/", codeArts);
        app.MapBackendSimulator("sim/backend", backend);
        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var ci = TestWire.Client(new Uri(root + "/sim/codearts/"), token: "t");
        using var community = TestWire.Client(new Uri(root + "/sim/backend/"));

        using var dispatched = await ci.PostAsync("dispatch", TestWire.DispatchBody("g/m"));
        var task = await TestWire.ReadJsonAsync(dispatched);
        var status = await CodeArtsSimulatorTests.PollStatusAsync(ci, task.Str("task_id"));
        using var pushed = await community.PostAsync("updateStatus", TestWire.StatusUpdate(("g/m", status)));
        var state = await community.GetStringAsync("api/modelstate");

        Assert.Equal($"{root}/sim/codearts/reports/{task.Str("task_id")}", task.Str("report_url"));
        Assert.Equal("success", status);
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.Contains("\"test_status\":\"success\"", state, StringComparison.Ordinal);
        using var plain = new HttpClient();
        Assert.Equal("ok", await plain.GetStringAsync(new Uri(root + "/healthz")));
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync(new Uri(root + "/dispatch"))).StatusCode);
        await app.StopAsync();
    }
}
