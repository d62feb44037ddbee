using CiAdapter.Silo.Admin;
using CiAdapter.Silo.Startup;
using Microsoft.Extensions.Options;

namespace CiAdapter.Silo.Metrics;

/// <summary>
/// Takes the model counts from the index shards on a fixed period once the host has started, so
/// that Prometheus scrapes, however frequent, never reach the cluster.
/// </summary>
internal sealed partial class ModelStatusGaugeRefresher(
    ModelCatalog catalog,
    ModelStatusGauge gauge,
    IOptions<ModelStatusGaugeOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<ModelStatusGaugeRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.WaitForStartedAsync(stoppingToken))
        {
            return;
        }

        var failing = false;
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        do
        {
            try
            {
                gauge.Update(await catalog.CountAsync());
                if (failing)
                {
                    LogRecovered(logger);
                }

                failing = false;
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                // Once per outage: the gauge keeps its last counts meanwhile.
                if (!failing)
                {
                    LogRefreshFailed(logger, options.Value.RefreshInterval, ex);
                }

                failing = true;
            }
        }
        while (await WaitForTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Metrics: counting models by status failed; the gauge keeps its last counts and is retried every {Interval}")]
    private static partial void LogRefreshFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Metrics: counting models by status works again")]
    private static partial void LogRecovered(ILogger logger);
}
