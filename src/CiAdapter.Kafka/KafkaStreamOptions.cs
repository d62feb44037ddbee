using CiAdapter.Streams;

namespace CiAdapter.Kafka;

/// <summary>How the Kafka stream provider reads certification events and where it sends bad records.</summary>
public sealed class KafkaStreamOptions
{
    public const int DefaultMaxRecordBytes = 1_048_576;

    /// <summary>Comma-separated <c>host:port</c> list of the cluster's brokers.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The topic certification events are read from.</summary>
    public string Topic { get; set; } = "model-events";

    /// <summary>
    /// Names where committed offsets are stored. The provider never joins the group: Orleans decides
    /// which silo reads which partition, and each silo assigns its partitions itself.
    /// </summary>
    public string ConsumerGroupId { get; set; } = "ci-adapter-group";

    /// <summary>Records that cannot become events go here, on the same cluster, with headers saying why.</summary>
    public string DeadLetterTopic { get; set; } = "dead-letter-queue";

    /// <summary>
    /// The stream namespace events are published on; the stream key is the model id. Grains with
    /// an implicit subscription to this namespace receive them.
    /// </summary>
    public string StreamNamespace { get; set; } = ModelStreams.Namespace;

    /// <summary>A record value larger than this is dead-lettered as <c>too-large</c> without being parsed.</summary>
    public int MaxRecordBytes { get; set; } = DefaultMaxRecordBytes;

    /// <summary>
    /// Records read from one partition but not yet applied or dead-lettered. At this bound the
    /// partition is paused (other partitions keep flowing); it resumes once half of them are done.
    /// </summary>
    public int MaxPendingRecordsPerPartition { get; set; } = 1_000;

    /// <summary>Byte bound (keys plus values) on the same pending records; whichever bound is hit first pauses.</summary>
    public long MaxPendingBytesPerPartition { get; set; } = 16L * 1024 * 1024;

    /// <summary>How often offsets of applied records are committed. Shutdown and partition hand-over commit at once.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long start-up waits for the topic's metadata (its partition count) before failing.</summary>
    public TimeSpan StartupMetadataTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap, in KiB, on what librdkafka prefetches for this silo's partitions (<c>queued.max.messages.kbytes</c>).</summary>
    public int PrefetchMaxKilobytes { get; set; } = 4_096;

    /// <summary>
    /// Extra librdkafka settings for every client the provider creates (consumer, dead-letter
    /// producer, metadata), e.g. <c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>.
    /// Settings the provider owns (see <see cref="ReservedClientSettings"/>) are refused.
    /// </summary>
    public IDictionary<string, string> ClientSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>librdkafka settings whose value the provider's correctness depends on.</summary>
    public static IReadOnlyList<string> ReservedClientSettings { get; } =
    [
        "bootstrap.servers",
        "group.id",
        "enable.auto.commit",
        "enable.auto.offset.store",
        "auto.offset.reset",
        "enable.partition.eof",
        "acks",
        "enable.idempotence",
    ];
}
