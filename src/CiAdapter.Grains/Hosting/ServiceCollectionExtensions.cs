using CiAdapter.Backend;
using CiAdapter.CodeArts;
using CiAdapter.Diagnostics;
using CiAdapter.Http;
using CiAdapter.Restore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CiAdapter.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// What the grains need: the CodeArts and backend clients (with their resilience pipelines),
    /// metrics and the start-up restorer. Options are configured by the composition root.
    /// </summary>
    public static IServiceCollection AddCiAdapterGrainServices(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CiAdapterMetrics>();
        services.AddOptions<CodeArtsOptions>();
        services.AddOptions<BackendOptions>();
        services.AddOptions<Scheduling.IntervalOptions>();
        services.AddOptions<RestoreOptions>();

        services.AddHttpClient(CodeArtsClient.HttpClientName).AddCallResilience<CodeArtsOptions>("codearts");
        services.AddHttpClient(BackendClient.HttpClientName).AddCallResilience<BackendOptions>("backend");
        services.TryAddSingleton<ICodeArtsClient, CodeArtsClient>();
        services.TryAddSingleton<IBackendClient, BackendClient>();
        services.TryAddSingleton<StartupRestorer>();
        return services;
    }
}
