using System.Runtime.InteropServices;

namespace CiAdapter.Kafka.Embedded;

/// <summary>
/// A Kafka-protocol broker set on loopback, hosted in-process by librdkafka's mock cluster
/// (shipped inside Confluent.Kafka's native library). Real clients talk to it over TCP: produce,
/// fetch, consumer groups and offset commits work; brokers can be taken down and brought back.
/// For local runs and tests only: records live in memory and vanish with the instance.
/// </summary>
public sealed class EmbeddedKafkaCluster : IDisposable, IAsyncDisposable
{
    private const int ErrorTextSize = 512;

    private readonly MockClusterHandle _handle;

    private EmbeddedKafkaCluster(MockClusterHandle handle, string bootstrapServers, int brokerCount)
    {
        _handle = handle;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
    }

    /// <summary>Comma-separated <c>127.0.0.1:port</c> list, one entry per broker.</summary>
    public string BootstrapServers { get; }

    /// <summary>Brokers are numbered 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster whose brokers listen on 127.0.0.1, each on an ephemeral port.</summary>
    public static EmbeddedKafkaCluster Start(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);

        var errorText = new byte[ErrorTextSize];
        var conf = LibRdKafkaMock.ConfNew();
        nint host;
        try
        {
            // The host instance never talks to a broker itself; keep its own chatter out of stderr.
            SetOrThrow(conf, "log_level", "3", errorText);
            SetOrThrow(conf, "client.id", "ci-adapter-embedded-kafka", errorText);
            host = LibRdKafkaMock.New(LibRdKafkaMock.ProducerType, conf, errorText, ErrorTextSize);
        }
        catch
        {
            LibRdKafkaMock.ConfDestroy(conf);
            throw;
        }

        if (host == 0)
        {
            // rd_kafka_new only takes ownership of the configuration when it succeeds.
            LibRdKafkaMock.ConfDestroy(conf);
            throw new InvalidOperationException(
                $"librdkafka could not create the embedded cluster's host instance: {LibRdKafkaMock.ReadErrorText(errorText)}");
        }

        var cluster = LibRdKafkaMock.ClusterNew(host, brokers);
        if (cluster == 0)
        {
            LibRdKafkaMock.Destroy(host);
            throw new InvalidOperationException(
                $"librdkafka could not start an embedded cluster of {brokers} broker(s); see its log for the socket error.");
        }

        var handle = new MockClusterHandle(host, cluster);

        // Consumer groups that subscribe would otherwise wait 3 s for more members before the first rebalance.
        LibRdKafkaMock.GroupInitialRebalanceDelayMs(cluster, 0);

        var bootstraps = Marshal.PtrToStringUTF8(LibRdKafkaMock.ClusterBootstraps(cluster)) ?? "";
        return new EmbeddedKafkaCluster(handle, bootstraps, brokers);
    }

    /// <summary>Creates a topic. Throws when it exists or the arguments do not fit the cluster.</summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);

        var error = Invoke(cluster => LibRdKafkaMock.TopicCreate(cluster, name, partitions, replicationFactor));
        ThrowIfError(error, $"create topic '{name}' with {partitions} partition(s)");
    }

    /// <summary>Takes a broker down: its connections close and new ones are refused until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId)
    {
        ValidateBrokerId(brokerId);
        ThrowIfError(Invoke(cluster => LibRdKafkaMock.BrokerSetDown(cluster, brokerId)), $"take broker {brokerId} down");
    }

    /// <summary>Brings a broker back on the same port.</summary>
    public void SetBrokerUp(int brokerId)
    {
        ValidateBrokerId(brokerId);
        ThrowIfError(Invoke(cluster => LibRdKafkaMock.BrokerSetUp(cluster, brokerId)), $"bring broker {brokerId} up");
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>Stopping joins librdkafka's threads, which can take a moment; do it off the caller's thread.</summary>
    public async ValueTask DisposeAsync() => await Task.Run(_handle.Dispose).ConfigureAwait(false);

    private int Invoke(Func<nint, int> call)
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            return call(_handle.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(EmbeddedKafkaCluster));
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private void ValidateBrokerId(int brokerId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, BrokerCount);
    }

    private static void ThrowIfError(int error, string action)
    {
        if (error != LibRdKafkaMock.NoError)
        {
            throw new InvalidOperationException($"The embedded Kafka cluster could not {action}: {LibRdKafkaMock.DescribeError(error)}.");
        }
    }

    private static void SetOrThrow(nint conf, string name, string value, byte[] errorText)
    {
        if (LibRdKafkaMock.ConfSet(conf, name, value, errorText, (nuint)errorText.Length) != LibRdKafkaMock.ConfigOk)
        {
            throw new InvalidOperationException($"librdkafka rejected '{name}': {LibRdKafkaMock.ReadErrorText(errorText)}");
        }
    }
}
