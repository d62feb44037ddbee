using System.Diagnostics.Metrics;
using CiAdapter.Diagnostics;
using CiAdapter.Models;

namespace CiAdapter.Silo.Metrics;

/// <summary>
/// <c>ci_adapter_models{status}</c>: how many models the service knows, by status. A scrape reads
/// the last counts taken by <see cref="ModelStatusGaugeRefresher"/>, never the cluster; until the
/// first count the gauge reports nothing rather than zeros.
/// </summary>
internal sealed class ModelStatusGauge
{
    public const string InstrumentName = "ci_adapter.models";

    private volatile Snapshot? _snapshot;

    public ModelStatusGauge(IMeterFactory meterFactory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Clock = clock;

        // The factory hands out the app's one "CiAdapter" meter, so the gauge is exported with the rest.
        meterFactory.Create(CiAdapterMetrics.MeterName).CreateObservableGauge(
            InstrumentName,
            Observe,
            "{model}",
            "Models the service knows, by status; cluster-wide (every silo reports the same counts), refreshed every ~15 s.");
    }

    /// <summary>When the counts were last taken, or null before the first count.</summary>
    public DateTimeOffset? RefreshedAt => _snapshot?.TakenAt;

    private TimeProvider Clock { get; }

    public void Update(IReadOnlyDictionary<ModelStatus, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var measurements = ModelStatusNames.All
            .Select(s => new Measurement<int>(counts.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", s.ToWire())))
            .ToArray();
        _snapshot = new Snapshot(measurements, Clock.GetUtcNow());
    }

    private IEnumerable<Measurement<int>> Observe() => _snapshot?.Measurements ?? [];

    private sealed record Snapshot(Measurement<int>[] Measurements, DateTimeOffset TakenAt);
}
