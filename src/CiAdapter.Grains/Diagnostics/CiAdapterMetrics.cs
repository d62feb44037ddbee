using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CiAdapter.Diagnostics;

/// <summary>
/// The service's own instruments (System.Diagnostics.Metrics); the silo exports them in Prometheus
/// text. Names follow OpenTelemetry conventions and become <c>ci_adapter_*</c> in Prometheus.
/// </summary>
public sealed class CiAdapterMetrics : IDisposable
{
    public const string MeterName = "CiAdapter";

    private readonly Meter _meter;
    private readonly Counter<long> _eventsApplied;
    private readonly Counter<long> _dispatches;
    private readonly Counter<long> _polls;
    private readonly Counter<long> _backendPushes;
    private readonly Counter<long> _backendPushedStatuses;
    private readonly Histogram<double> _ciRequestDuration;
    private readonly Histogram<double> _backendRequestDuration;
    private readonly Histogram<double> _ciRunDuration;
    private readonly Histogram<double> _restoreDuration;
    private readonly Counter<long> _restoredModels;

    public CiAdapterMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _eventsApplied = _meter.CreateCounter<long>(
            "ci_adapter.events.applied", "{event}", "Certification events handled by model grains, by type and outcome.");
        _dispatches = _meter.CreateCounter<long>(
            "ci_adapter.ci.dispatches", "{dispatch}", "CI dispatch attempts, by outcome.");
        _polls = _meter.CreateCounter<long>(
            "ci_adapter.ci.polls", "{poll}", "CI status polls, by result.");
        _backendPushes = _meter.CreateCounter<long>(
            "ci_adapter.backend.pushes", "{push}", "Status pushes to the backend, by kind (prompt, full) and outcome.");
        _backendPushedStatuses = _meter.CreateCounter<long>(
            "ci_adapter.backend.pushed_statuses", "{status}", "Model statuses delivered to the backend, by kind.");
        _ciRequestDuration = _meter.CreateHistogram<double>(
            "ci_adapter.ci.request.duration", "s", "Latency of CodeArts API calls, by operation and outcome.");
        _backendRequestDuration = _meter.CreateHistogram<double>(
            "ci_adapter.backend.request.duration", "s", "Latency of backend API calls, by operation and outcome.");
        _ciRunDuration = _meter.CreateHistogram<double>(
            "ci_adapter.ci.run.duration", "s", "Time from dispatch to a finished CI result, by result.");
        _restoreDuration = _meter.CreateHistogram<double>(
            "ci_adapter.restore.duration", "s", "Duration of the start-up restore from the backend.");
        _restoredModels = _meter.CreateCounter<long>(
            "ci_adapter.restore.models", "{model}", "Models seen by the start-up restore, by outcome (adopted, kept, invalid, failed).");
    }

    public void EventApplied(string type, string outcome) =>
        _eventsApplied.Add(1, new TagList { { "type", type }, { "outcome", outcome } });

    public void Dispatch(string outcome) => _dispatches.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Poll(string result) => _polls.Add(1, new KeyValuePair<string, object?>("result", result));

    public void BackendPush(string kind, string outcome, int statuses)
    {
        _backendPushes.Add(1, new TagList { { "kind", kind }, { "outcome", outcome } });
        if (outcome == "ok")
        {
            _backendPushedStatuses.Add(statuses, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    public void CiRequest(string operation, string outcome, TimeSpan elapsed) =>
        _ciRequestDuration.Record(elapsed.TotalSeconds, new TagList { { "operation", operation }, { "outcome", outcome } });

    public void BackendRequest(string operation, string outcome, TimeSpan elapsed) =>
        _backendRequestDuration.Record(elapsed.TotalSeconds, new TagList { { "operation", operation }, { "outcome", outcome } });

    public void CiRunFinished(string result, TimeSpan elapsed) =>
        _ciRunDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", result));

    public void RestoreFinished(TimeSpan elapsed) => _restoreDuration.Record(elapsed.TotalSeconds);

    public void ModelRestored(string outcome) => _restoredModels.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
