using CiAdapter.Backend;
using CiAdapter.CodeArts;
using CiAdapter.Grains;
using CiAdapter.Hosting;
using CiAdapter.Index;
using CiAdapter.Models;
using CiAdapter.Restore;
using CiAdapter.Scheduling;
using CiAdapter.Simulators.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CiAdapter.Testing.Orleans;

/// <summary>
/// Model grains in an in-process Orleans test cluster with memory storage and reminders, talking
/// HTTP to CodeArts and backend simulators on loopback. Tests drive it through the cluster client.
/// </summary>
public sealed class GrainCluster : IAsyncDisposable
{
    public const string CiToken = "grain-test-ci-token";

    private GrainCluster(InProcessTestCluster cluster, SimulatorServer simulators)
    {
        Cluster = cluster;
        Simulators = simulators;
    }

    public InProcessTestCluster Cluster { get; }

    public SimulatorServer Simulators { get; }

    public IClusterClient Client => Cluster.Client;

    public static async Task<GrainCluster> StartAsync(Action<GrainClusterSettings>? configure = null)
    {
        var settings = new GrainClusterSettings();
        configure?.Invoke(settings);
        var simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
        {
            CodeArts = new() { Token = CiToken, RunTime = TimeSpan.FromSeconds(1) },
        });

        var builder = new InProcessTestClusterBuilder(settings.Silos);
        builder.ConfigureSiloHost((_, host) => ConfigureServices(host.Services, simulators, settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCiAdapterMemoryStorage();
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            await simulators.DisposeAsync();
            throw;
        }

        return new GrainCluster(cluster, simulators);
    }

    public IModelGrain Model(string modelId) => Client.GetGrain<IModelGrain>(modelId);

    public IModelIndexGrain IndexShardOf(string modelId) => Client.GetGrain<IModelIndexGrain>(ModelIndexShards.Of(modelId));

    /// <summary>Runs the start-up restore as the first silo would.</summary>
    public Task<RestoreSummary> RestoreAsync(CancellationToken cancellationToken = default) =>
        Cluster.Silos[0].ServiceProvider.GetRequiredService<StartupRestorer>().RestoreAsync(cancellationToken);

    public Task<ModelSnapshot?> GetAsync(string modelId) => Model(modelId).GetAsync();

    public async Task<ModelSnapshot> WaitForStatusAsync(string modelId, ModelStatus status, TimeSpan? timeout = null)
    {
        var snapshot = await Wait.ForAsync(
            () => GetAsync(modelId),
            s => s?.Status == status,
            timeout ?? TimeSpan.FromSeconds(15),
            $"model {modelId} is {status}");
        return snapshot!;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Simulators.DisposeAsync();
    }

    private static void ConfigureServices(IServiceCollection services, SimulatorServer simulators, GrainClusterSettings settings)
    {
        services.AddCiAdapterGrainServices();
        services.Configure<CodeArtsOptions>(o =>
        {
            o.BaseUrl = new Uri(simulators.CodeArtsBaseUrl);
            o.ApiToken = CiToken;
            ShortenTimeouts(o, settings);
        });
        services.Configure<BackendOptions>(o =>
        {
            o.BaseUrl = new Uri(simulators.BackendBaseUrl);
            ShortenTimeouts(o, settings);
        });
        services.Configure<IntervalOptions>(o =>
        {
            o.CheckPendingInterval = settings.CheckPendingInterval;
            o.QueryCiStatusInterval = settings.QueryCiStatusInterval;
            o.SyncBackendInterval = settings.SyncBackendInterval;
            o.ReminderPeriodFloor = settings.ReminderPeriodFloor;
            o.PromptPushDelay = settings.PromptPushDelay;
            settings.Scheduling(o);
        });
        services.Configure<RestoreOptions>(o =>
        {
            o.Timeout = settings.RestoreTimeout;
            o.RetryDelay = TimeSpan.FromMilliseconds(100);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        });
    }

    private static void ShortenTimeouts(Http.HttpCallOptions options, GrainClusterSettings settings)
    {
        options.AttemptTimeout = settings.AttemptTimeout;
        options.TotalTimeout = settings.AttemptTimeout * 3;
        options.RetryDelay = TimeSpan.FromMilliseconds(50);
    }
}
