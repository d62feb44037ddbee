using CiAdapter.Silo.Configuration;

namespace CiAdapter.Silo.Auth;

/// <summary>Says once at start how the admin surface is guarded, and warns when it cannot be used or is open.</summary>
internal sealed partial class AdminSurfaceStartupCheck(CiAdapterSettings settings, ILogger<AdminSurfaceStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        switch (settings)
        {
            case { AdminToken: not null }:
                LogGuarded(logger);
                break;
            case { IsDevelopment: true }:
                LogOpen(logger, ConfigurationKeys.AdminToken);
                break;
            default:
                LogClosed(logger, ConfigurationKeys.AdminToken);
                break;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Admin surface (/api, /dashboard) requires the admin token")]
    private static partial void LogGuarded(ILogger logger);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Admin surface (/api, /dashboard) is open without authentication: {Key} is not set in Development")]
    private static partial void LogOpen(ILogger logger, string key);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Admin surface (/api, /dashboard) answers 401 to every request: {Key} is not set. Set it from the ci-adapter-secrets Secret to use the admin API and the dashboard")]
    private static partial void LogClosed(ILogger logger, string key);
}
