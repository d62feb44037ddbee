using System.Net;

namespace CiAdapter.Silo.Configuration;

/// <summary>
/// Every configuration key, parsed and checked once at start-up. A null endpoint means the local
/// default replaces that external part (embedded Kafka, simulated CodeArts or backend).
/// </summary>
public sealed record CiAdapterSettings
{
    public required bool IsDevelopment { get; init; }

    /// <summary>Bootstrap servers; null runs the embedded Kafka-protocol cluster.</summary>
    public string? KafkaBrokers { get; init; }

    public required string KafkaGroupId { get; init; }

    public required string KafkaTopic { get; init; }

    public required string KafkaDlqTopic { get; init; }

    /// <summary>CodeArts root; null maps the CodeArts simulator into this service.</summary>
    public Uri? CiBaseUrl { get; init; }

    public required string CiApiToken { get; init; }

    /// <summary>Backend root; null maps the backend simulator into this service.</summary>
    public Uri? BackendBaseUrl { get; init; }

    public required TimeSpan CheckPendingInterval { get; init; }

    public required TimeSpan QueryCiStatusInterval { get; init; }

    public required TimeSpan SyncBackendInterval { get; init; }

    public required TimeSpan RestoreTimeout { get; init; }

    /// <summary>When set, clustering, grain state and reminders live in PostgreSQL.</summary>
    public string? PostgresConnectionString { get; init; }

    public string? AdminToken { get; init; }

    public required string ServiceId { get; init; }

    public required string ClusterId { get; init; }

    /// <summary>The address other silos reach this one at (POD_IP); loopback when unset.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    public string? PodName { get; init; }

    /// <summary>Running in a Kubernetes pod: Orleans' Kubernetes agent watches the silos' pods.</summary>
    public bool InKubernetes { get; init; }

    public required int SiloPort { get; init; }

    public required int GatewayPort { get; init; }

    /// <summary>This service's own HTTP root on loopback, where the local default's simulators answer.</summary>
    public required Uri LocalBaseUrl { get; init; }

    /// <summary>Whether the local default publishes a trickle of sample certification events.</summary>
    public required bool SampleEvents { get; init; }

    public bool UsesEmbeddedKafka => KafkaBrokers is null;

    public bool SimulatesCodeArts => CiBaseUrl is null;

    public bool SimulatesBackend => BackendBaseUrl is null;

    public bool UsesPostgres => PostgresConnectionString is not null;
}
