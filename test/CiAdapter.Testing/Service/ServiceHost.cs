using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CiAdapter.Silo.Hosting;
using CiAdapter.Testing.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CiAdapter.Testing.Service;

/// <summary>
/// The whole service (HTTP surface, silo, start-up order) run in this test process exactly as
/// Program.cs composes it, configured through the same keys an operator sets, on loopback ports.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(WebApplication app, Uri baseAddress, ServiceTopics? kafka)
    {
        _app = app;
        BaseAddress = baseAddress;
        Kafka = kafka;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>The topics this service reads, when the host chose them (settings without KAFKA_BROKERS).</summary>
    public ServiceTopics? Kafka { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the service configured through the same keys an operator sets.</summary>
    /// <param name="settings">Configuration keys (SPEC §3) and their values.</param>
    /// <param name="environment">Development or Production, as ASPNETCORE_ENVIRONMENT would say.</param>
    /// <param name="configure">Last-minute changes to the builder, e.g. a log capture.</param>
    public static async Task<ServiceHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        string environment = "Production",
        Action<WebApplicationBuilder>? configure = null)
    {
        var port = FreePorts.Next();
        var values = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ORLEANS_SILO_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ORLEANS_GATEWAY_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ORLEANS_CLUSTER_ID"] = $"test-{Guid.NewGuid():N}",
        };
        // Production needs a real Kafka: unless the test brings its own, fresh topics on the shared cluster.
        var kafka = settings.ContainsKey("KAFKA_BROKERS") || environment == "Development" ? null : SharedKafkaCluster.CreateTopics();
        kafka?.AddTo(values);
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = "CiAdapter.Silo",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddCiAdapter();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapCiAdapter();
        await app.StartAsync();
        return new ServiceHost(app, new Uri($"http://127.0.0.1:{port}/"), kafka);
    }

    public T GetRequiredService<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Waits until <c>/readyz</c> says ready: restored from the backend and consuming.</summary>
    public Task WaitUntilReadyAsync(TimeSpan? timeout = null) => Wait.UntilAsync(
        async () =>
        {
            using var response = await Http.GetAsync("readyz");
            return response.IsSuccessStatusCode;
        },
        timeout ?? TimeSpan.FromSeconds(30),
        "the service reports ready on /readyz");

    public async Task<JsonObject?> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonObject>(path);

    /// <summary>Stops the way SIGTERM would: readiness drops, consumption stops, the silo leaves.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
