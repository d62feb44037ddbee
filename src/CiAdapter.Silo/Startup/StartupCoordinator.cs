using CiAdapter.Restore;

namespace CiAdapter.Silo.Startup;

/// <summary>
/// Runs the start-up order of SPEC §6 once the host (silo and HTTP) is up: restore from the backend,
/// then start consuming events, then report ready. A restore that cannot finish stops the process
/// with a non-zero exit code so that Kubernetes restarts the pod.
/// </summary>
internal sealed partial class StartupCoordinator(
    StartupRestorer restorer,
    IEnumerable<IEventConsumption> consumers,
    ReadinessState readiness,
    IHostApplicationLifetime lifetime,
    ILogger<StartupCoordinator> logger) : BackgroundService
{
    public const int RestoreFailedExitCode = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lifetime.ApplicationStopping.Register(readiness.Stopping);
        if (!await lifetime.WaitForStartedAsync(stoppingToken))
        {
            return;
        }

        try
        {
            LogRestoring(logger);
            readiness.RestoreCompleted(await restorer.RestoreAsync(stoppingToken));
            foreach (var consumer in consumers)
            {
                await consumer.StartAsync(stoppingToken);
                LogConsumptionStarted(logger, consumer.Name);
            }

            readiness.ConsumptionStarted();
            LogReady(logger);
        }
        catch (RestoreFailedException ex)
        {
            LogRestoreFailed(logger, ex.Message, ex);
            Environment.ExitCode = RestoreFailedExitCode;
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shut down during start-up.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.Stopping();
        if (readiness.IsConsuming)
        {
            readiness.ConsumptionStopped();
            foreach (var consumer in consumers)
            {
                try
                {
                    await consumer.StopAsync(cancellationToken);
                    LogConsumptionStopped(logger, consumer.Name);
                }
                catch (Exception ex) when (ex is OrleansException or OperationCanceledException or TimeoutException)
                {
                    // The silo's own shutdown stops what is left; uncommitted records are redelivered.
                    LogConsumptionStopFailed(logger, consumer.Name, ex);
                }
            }
        }

        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Start-up: restoring model state from the backend before consuming events")]
    private static partial void LogRestoring(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Start-up: {Consumer} started consuming")]
    private static partial void LogConsumptionStarted(ILogger logger, string consumer);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Start-up complete: restored and consuming; ready")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Critical, Message = "Start-up failed: {Reason} Exiting so that the pod is restarted")]
    private static partial void LogRestoreFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Shutdown: stopping {Consumer} failed; records applied since the last commit will be delivered again after restart")]
    private static partial void LogConsumptionStopFailed(ILogger logger, string consumer, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Shutdown: {Consumer} stopped consuming; offsets committed")]
    private static partial void LogConsumptionStopped(ILogger logger, string consumer);
}
