namespace CiAdapter.Silo.Configuration;

/// <summary>The configuration keys (SPEC §3): the seed's ConfigMap and Secret, plus what production needs.</summary>
public static class ConfigurationKeys
{
    public const string KafkaBrokers = "KAFKA_BROKERS";
    public const string KafkaGroupId = "KAFKA_GROUP_ID";
    public const string KafkaTopic = "KAFKA_TOPIC";
    public const string KafkaDlqTopic = "KAFKA_DLQ_TOPIC";
    public const string CiBaseUrl = "CI_BASE_URL";
    public const string CiApiToken = "CI_API_TOKEN";
    public const string BackendBaseUrl = "BACKEND_BASE_URL";
    public const string CheckPendingInterval = "CHECK_PENDING_INTERVAL";
    public const string QueryCiStatusInterval = "QUERY_CI_STATUS_INTERVAL";
    public const string SyncBackendInterval = "SYNC_BACKEND_INTERVAL";
    public const string PostgresConnectionString = "POSTGRES_CONNECTION_STRING";
    public const string AdminToken = "ADMIN_TOKEN";
    public const string Urls = "ASPNETCORE_URLS";

    /// <summary>How long the backend may be unreachable at start-up before the silo exits (default 5m).</summary>
    public const string RestoreTimeout = "RESTORE_TIMEOUT";

    /// <summary>Orleans' Kubernetes conventions.</summary>
    public const string OrleansServiceId = "ORLEANS_SERVICE_ID";
    public const string OrleansClusterId = "ORLEANS_CLUSTER_ID";
    public const string PodIp = "POD_IP";
    public const string PodName = "POD_NAME";
    public const string SiloPort = "ORLEANS_SILO_PORT";
    public const string GatewayPort = "ORLEANS_GATEWAY_PORT";

    /// <summary>Set by Kubernetes in every pod; turns on Orleans' Kubernetes hosting (needs deploy/rbac.yaml).</summary>
    public const string KubernetesServiceHost = "KUBERNETES_SERVICE_HOST";

    /// <summary>Local default only: set to <c>false</c> to stop the trickle of sample events.</summary>
    public const string SampleEvents = "SAMPLE_EVENTS";
}
