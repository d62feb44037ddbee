using System.Diagnostics.Metrics;

namespace CiAdapter.Kafka.Diagnostics;

/// <summary>
/// The provider's instruments (meter <c>CiAdapter.Kafka</c>). Names follow OpenTelemetry
/// conventions; a Prometheus exporter turns <c>ci_adapter.kafka.records.consumed</c> into
/// <c>ci_adapter_kafka_records_consumed_total</c>.
/// </summary>
internal sealed class KafkaStreamMetrics
{
    public const string MeterName = "CiAdapter.Kafka";

    private readonly Counter<long> _consumed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _committed;
    private readonly Counter<long> _commitFailures;

    public KafkaStreamMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _consumed = Meter.CreateCounter<long>("ci_adapter.kafka.records.consumed", "{record}", "Records read from the events topic.");
        _deadLettered = Meter.CreateCounter<long>("ci_adapter.kafka.records.dead_lettered", "{record}", "Records written to the dead-letter topic, by reason.");
        _delivered = Meter.CreateCounter<long>("ci_adapter.kafka.records.delivered", "{record}", "Events applied by their model's grain.");
        _committed = Meter.CreateCounter<long>("ci_adapter.kafka.offsets.committed", "{offset}", "Offsets the committed position advanced by.");
        _commitFailures = Meter.CreateCounter<long>("ci_adapter.kafka.commit.failures", "{commit}", "Offset commits the cluster refused or did not answer.");
    }

    public Meter Meter { get; }

    public void RecordConsumed(string topic) => _consumed.Add(1, new KeyValuePair<string, object?>("topic", topic));

    public void RecordDeadLettered(string topic, string reason) =>
        _deadLettered.Add(1, new KeyValuePair<string, object?>("topic", topic), new KeyValuePair<string, object?>("reason", reason));

    public void RecordDelivered(string topic, int count) => _delivered.Add(count, new KeyValuePair<string, object?>("topic", topic));

    public void RecordCommitted(string topic, long offsets) => _committed.Add(offsets, new KeyValuePair<string, object?>("topic", topic));

    public void RecordCommitFailure(string topic) => _commitFailures.Add(1, new KeyValuePair<string, object?>("topic", topic));

    /// <summary>Observes gauges of a consumer (paused partitions, pending records) for as long as it lives.</summary>
    public void ObservePartitions(string topic, Func<int> pausedPartitions, Func<long> pendingRecords)
    {
        var tag = new KeyValuePair<string, object?>("topic", topic);
        Meter.CreateObservableGauge("ci_adapter.kafka.partitions.paused", () => new Measurement<int>(pausedPartitions(), tag), "{partition}",
            "Partitions paused because their pending records reached the bound.");
        Meter.CreateObservableGauge("ci_adapter.kafka.records.pending", () => new Measurement<long>(pendingRecords(), tag), "{record}",
            "Records read but not yet applied or dead-lettered.");
    }
}
