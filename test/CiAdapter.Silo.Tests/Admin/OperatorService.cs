using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CiAdapter.Grains;
using CiAdapter.Models;
using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Metrics;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Testing;
using CiAdapter.Testing.Orleans;
using CiAdapter.Testing.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CiAdapter.Silo.Tests.Admin;

/// <summary>
/// The whole service in Production, configured like an operator would (CI token, admin token),
/// talking to CodeArts and backend simulators on loopback, with short intervals.
/// </summary>
public sealed class OperatorService : IAsyncDisposable
{
    public const string CiToken = "ci-token-Vq83xLp0-never-logged";

    private OperatorService(SimulatorServer simulators, ServiceHost service, string? adminToken)
    {
        Simulators = simulators;
        Service = service;
        AdminToken = adminToken;
    }

    public SimulatorServer Simulators { get; }

    public ServiceHost Service { get; }

    public string? AdminToken { get; }

    public HttpClient Http => Service.Http;

    /// <summary>Starts simulators and the service; <paramref name="adminToken"/> null leaves ADMIN_TOKEN unset.</summary>
    public static async Task<OperatorService> StartAsync(
        string? adminToken,
        string environment = "Production",
        Action<WebApplicationBuilder>? configure = null,
        Action<Dictionary<string, string?>>? settings = null)
    {
        var simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
        {
            CodeArts = new() { Token = CiToken, RunTime = TimeSpan.FromSeconds(1) },
        });
        try
        {
            var keys = Keys(simulators, adminToken);
            settings?.Invoke(keys);
            var service = await ServiceHost.StartAsync(keys, environment, builder =>
            {
                builder.Services.Configure<ModelStatusGaugeOptions>(o => o.RefreshInterval = TimeSpan.FromMilliseconds(200));
                configure?.Invoke(builder);
            });
            var started = new OperatorService(simulators, service, adminToken);
            await service.WaitUntilReadyAsync();
            return started;
        }
        catch
        {
            await simulators.DisposeAsync();
            throw;
        }
    }

    /// <summary>The keys an operator sets for this service, pointed at the simulators.</summary>
    public static Dictionary<string, string?> Keys(SimulatorServer simulators, string? adminToken)
    {
        var keys = ServiceSettings.Production(simulators, CiToken, syncBackendInterval: "5s");
        keys[ConfigurationKeys.AdminToken] = adminToken;
        return keys;
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>A GET with the given Authorization header (none when null).</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return await Http.SendAsync(request);
    }

    /// <summary>A GET with the admin token as bearer.</summary>
    public Task<HttpResponseMessage> GetAsAdminAsync(string path) =>
        GetAsync(path, AdminToken is null ? null : Bearer(AdminToken));

    public IModelGrain Model(string modelId) => Service.GetRequiredService<IGrainFactory>().GetGrain<IModelGrain>(modelId);

    /// <summary>Initiates a certification and waits until the model reaches <paramref name="status"/>.</summary>
    public async Task<ModelSnapshot> CertifyAsync(string modelId, ModelStatus status = ModelStatus.Success)
    {
        await Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));
        return (await Wait.ForAsync(
            () => Model(modelId).GetAsync(),
            s => s?.Status == status,
            TimeSpan.FromSeconds(20),
            string.Create(CultureInfo.InvariantCulture, $"model {modelId} is {status}")))!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Service.DisposeAsync();
        }
        finally
        {
            await Simulators.DisposeAsync();
        }
    }
}
