using System.Net;
using CiAdapter.Silo.Tests.Admin;
using CiAdapter.Silo.Tests.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Silo.Tests.Auth;

/// <summary>How the admin surface behaves by environment when ADMIN_TOKEN is, or is not, set.</summary>
[Collection(OperatorSurfaceCollection.Name)]
public sealed class AdminAuthEnvironmentTests
{
    private const int ClosedWarning = 4012;
    private const int OpenWarning = 4011;

    [Fact]
    public async Task Production_WithoutAdminToken_RefusesEverythingAndWarnsAtStart()
    {
        var logs = new LogCapture();
        await using var service = await OperatorService.StartAsync(adminToken: null, configure: b => b.Logging.AddProvider(logs));

        using var noCredentials = await service.GetAsync("api/models", null);
        using var anyBearer = await service.GetAsync("api/models", OperatorService.Bearer("guess"));
        using var emptyBasic = await service.GetAsync("dashboard/", OperatorService.Basic("admin", ""));
        using var health = await service.GetAsync("healthz", null);
        using var metrics = await service.GetAsync("metrics", null);

        Assert.Equal(HttpStatusCode.Unauthorized, noCredentials.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anyBearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, emptyBasic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var warning = Assert.Single(logs.Entries, e => e.EventId == ClosedWarning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("ADMIN_TOKEN", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_WithoutAdminToken_LeavesTheSurfaceOpenAndSaysSo()
    {
        var logs = new LogCapture();
        await using var service = await OperatorService.StartAsync(adminToken: null, "Development", b => b.Logging.AddProvider(logs));

        using var api = await service.GetAsync("api/models", null);
        using var dashboard = await service.GetAsync("dashboard/", null);

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(LogLevel.Warning, Assert.Single(logs.Entries, e => e.EventId == OpenWarning).Level);
    }

    [Fact]
    public async Task Development_WithAdminToken_EnforcesIt()
    {
        await using var service = await OperatorService.StartAsync("dev-admin-token", "Development");

        using var without = await service.GetAsync("api/models", null);
        using var with = await service.GetAsync("api/models", OperatorService.Bearer("dev-admin-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task LocalDefault_SimulatorsStayOpenWhenTheAdminSurfaceIsGuarded()
    {
        await using var service = await OperatorService.StartAsync(
            "dev-admin-token",
            "Development",
            settings: keys =>
            {
                // The local default: no external CodeArts or backend, so the service simulates them under /sim/.
                keys.Remove(Silo.Configuration.ConfigurationKeys.CiBaseUrl);
                keys.Remove(Silo.Configuration.ConfigurationKeys.BackendBaseUrl);
            });

        using var codeArts = await service.GetAsync("sim/codearts/_sim/tasks", null);
        using var backend = await service.GetAsync("sim/backend/api/modelstate", null);

        Assert.Equal(HttpStatusCode.OK, codeArts.StatusCode);
        Assert.Equal(HttpStatusCode.OK, backend.StatusCode);
        Assert.NotNull(service.Service.Services.GetService<Simulators.CodeArts.CodeArtsSimulator>());
    }
}
