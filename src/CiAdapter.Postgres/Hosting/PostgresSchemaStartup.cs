using CiAdapter.Postgres.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CiAdapter.Postgres.Hosting;

/// <summary>
/// Applies (or checks) the schema in the silo lifecycle, before anything reads it: the ADO.NET
/// membership table starts at RuntimeGrainServices, reminders at RuntimeGrainServices and grain
/// storage at ApplicationServices, and the silo opens its listeners at RuntimeInitialize - 1.
/// Running first also means a silo that cannot use its database never joins the cluster.
/// It is given the connection string the providers were wired with, so both always agree.
/// </summary>
internal sealed partial class PostgresSchemaStartup(
    string connectionString,
    PostgresSchemaInstaller installer,
    IOptions<PostgresOptions> options,
    TimeProvider timeProvider,
    ILogger<PostgresSchemaStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 100;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(PostgresSchemaStartup), Stage, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var deadline = timeProvider.GetUtcNow() + settings.SchemaStartupTimeout;
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunOnceAsync(settings, cancellationToken);
                return;
            }
            catch (PostgresSchemaException exception) when (exception.IsTransient && timeProvider.GetUtcNow() + delay < deadline)
            {
                LogRetrying(logger, attempt, delay.TotalSeconds, exception.Message);
            }
            catch (PostgresSchemaException exception)
            {
                LogFailed(logger, exception.Message);
                throw;
            }

            await Task.Delay(delay, timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task RunOnceAsync(PostgresOptions settings, CancellationToken cancellationToken)
    {
        if (settings.ApplySchemaOnStart)
        {
            await installer.ApplyAsync(connectionString, cancellationToken);
            return;
        }

        var installed = await installer.GetInstalledVersionAsync(connectionString, cancellationToken);
        if (installed is { } version && version >= PostgresSchemaInstaller.SchemaVersion)
        {
            LogVerified(logger, version);
            return;
        }

        var target = PostgresConnectionString.Parse(connectionString).Target;
        var found = installed is null ? "no CI Adapter schema" : $"CI Adapter schema version {installed}";
        throw new PostgresSchemaException(
            $"PostgreSQL at {target} has {found}, and this build needs version {PostgresSchemaInstaller.SchemaVersion}. " +
            $"Run {PostgresSchema.FileName} there with psql (psql -v ON_ERROR_STOP=1 -f {PostgresSchema.FileName}), " +
            "or let the service apply it by turning schema installation on.",
            isTransient: false);
    }

    [LoggerMessage(EventId = PostgresEventIds.SchemaApplyRetrying, Level = LogLevel.Warning,
        Message = "PostgreSQL is not usable yet (attempt {Attempt}); retrying in {DelaySeconds:F1} s. {Reason}")]
    private static partial void LogRetrying(ILogger logger, int attempt, double delaySeconds, string reason);

    [LoggerMessage(EventId = PostgresEventIds.SchemaApplyFailed, Level = LogLevel.Critical,
        Message = "The silo cannot start on PostgreSQL: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = PostgresEventIds.SchemaVerified, Level = LogLevel.Information,
        Message = "Found CI Adapter schema version {InstalledVersion} in PostgreSQL; schema installation is turned off")]
    private static partial void LogVerified(ILogger logger, int installedVersion);
}
