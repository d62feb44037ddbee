using CiAdapter.Backend;
using CiAdapter.CodeArts;
using CiAdapter.Restore;
using CiAdapter.Scheduling;
using CiAdapter.Silo.Configuration;

namespace CiAdapter.Silo.Hosting;

internal static class OptionsRegistration
{
    public const string CodeArtsSimulatorPath = "sim/codearts/";
    public const string BackendSimulatorPath = "sim/backend/";

    /// <summary>Turns the parsed settings into the options each part reads, validated when the host starts.</summary>
    public static IServiceCollection AddCiAdapterOptions(this IServiceCollection services, CiAdapterSettings settings)
    {
        services.AddSingleton(settings);
        services.AddOptions<CodeArtsOptions>()
            .Configure(o =>
            {
                o.BaseUrl = settings.CiBaseUrl ?? new Uri(settings.LocalBaseUrl, CodeArtsSimulatorPath);
                o.ApiToken = settings.CiApiToken;
            })
            .Validate(o => o.BaseUrl.IsAbsoluteUri, $"{ConfigurationKeys.CiBaseUrl} must be an absolute URL")
            .Validate(o => o.ApiToken.Length > 0, $"{ConfigurationKeys.CiApiToken} is required")
            .ValidateOnStart();
        services.AddOptions<BackendOptions>()
            .Configure(o => o.BaseUrl = settings.BackendBaseUrl ?? new Uri(settings.LocalBaseUrl, BackendSimulatorPath))
            .Validate(o => o.BaseUrl.IsAbsoluteUri, $"{ConfigurationKeys.BackendBaseUrl} must be an absolute URL")
            .Validate(o => o.PushBatchSize > 0, "the backend push batch size must be positive")
            .ValidateOnStart();
        services.AddOptions<IntervalOptions>()
            .Configure(o =>
            {
                o.CheckPendingInterval = settings.CheckPendingInterval;
                o.QueryCiStatusInterval = settings.QueryCiStatusInterval;
                o.SyncBackendInterval = settings.SyncBackendInterval;
            })
            .Validate(o => o.CheckPendingInterval > TimeSpan.Zero, $"{ConfigurationKeys.CheckPendingInterval} must be longer than zero")
            .Validate(o => o.QueryCiStatusInterval > TimeSpan.Zero, $"{ConfigurationKeys.QueryCiStatusInterval} must be longer than zero")
            .Validate(o => o.SyncBackendInterval > TimeSpan.Zero, $"{ConfigurationKeys.SyncBackendInterval} must be longer than zero")
            .ValidateOnStart();
        services.AddOptions<RestoreOptions>()
            .Configure(o => o.Timeout = settings.RestoreTimeout)
            .Validate(o => o.Timeout > TimeSpan.Zero, $"{ConfigurationKeys.RestoreTimeout} must be longer than zero")
            .ValidateOnStart();
        return services;
    }
}
