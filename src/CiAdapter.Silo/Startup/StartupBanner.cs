using CiAdapter.Backend;
using CiAdapter.CodeArts;
using CiAdapter.Scheduling;
using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Events;
using Microsoft.Extensions.Options;

namespace CiAdapter.Silo.Startup;

/// <summary>
/// Tells the operator, once, what this silo talks to and where to look; never a secret. In the local
/// default it also gives the short tour: dashboard, admin API and how to send an event with kcat.
/// </summary>
internal sealed partial class StartupBanner(
    CiAdapterSettings settings,
    KafkaEndpoint kafka,
    IOptions<CodeArtsOptions> codeArts,
    IOptions<BackendOptions> backend,
    IOptions<IntervalOptions> intervals,
    IHostApplicationLifetime lifetime,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var i = intervals.Value;
        var brokers = kafka.IsEmbedded ? $"embedded at {kafka.BootstrapServers}" : kafka.BootstrapServers;
        var (checkPending, queryStatus, syncBackend) =
            (GoDuration.Format(i.CheckPendingInterval), GoDuration.Format(i.QueryCiStatusInterval), GoDuration.Format(i.SyncBackendInterval));
        LogConfiguration(
            logger,
            brokers,
            kafka.Topic,
            settings.KafkaGroupId,
            kafka.DeadLetterTopic,
            codeArts.Value.BaseUrl,
            backend.Value.BaseUrl,
            checkPending,
            queryStatus,
            syncBackend,
            settings.UsesPostgres ? "PostgreSQL" : "memory");
        if (settings.IsDevelopment)
        {
            var dashboard = new Uri(settings.LocalBaseUrl, "dashboard/");
            var models = new Uri(settings.LocalBaseUrl, "api/models?status=running");
            lifetime.ApplicationStarted.Register(() => LogTour(logger, dashboard, models, kafka.BootstrapServers, kafka.Topic));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Configuration: Kafka {Brokers} topic {Topic} group {GroupId} DLQ {DeadLetterTopic}; CodeArts {CiBaseUrl}; backend {BackendBaseUrl}; intervals pending {CheckPending}, status {QueryStatus}, sync {SyncBackend}; storage {Storage}")]
    private static partial void LogConfiguration(
        ILogger logger,
        string brokers,
        string topic,
        string groupId,
        string deadLetterTopic,
        Uri ciBaseUrl,
        Uri backendBaseUrl,
        string checkPending,
        string queryStatus,
        string syncBackend,
        string storage);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = """
        Local default is up.
          Dashboard:  {Dashboard}
          Admin API:  {Models}
          Send an event: echo 'my-group/my-model|{{"event_type":"initiate_certification","model_id":"my-group/my-model","id":"evt-1"}}' | kcat -P -b {Brokers} -t {Topic} -K '|'
        """)]
    private static partial void LogTour(ILogger logger, Uri dashboard, Uri models, string brokers, string topic);
}
