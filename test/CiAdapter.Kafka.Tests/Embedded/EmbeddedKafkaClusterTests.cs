using CiAdapter.Testing;
using System.Globalization;
using System.Text;
using CiAdapter.Kafka.Embedded;
using CiAdapter.Testing.Kafka;
using Confluent.Kafka;

namespace CiAdapter.Kafka.Tests.Embedded;

[Collection(KafkaCollection.Name)]
public sealed class EmbeddedKafkaClusterTests(KafkaClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ProduceThenConsume_RoundTrip_ReturnsEveryRecordInOrder()
    {
        var topic = fixture.CreateTopic("roundtrip", partitions: 1);
        using var producer = new KafkaTestProducer(fixture.BootstrapServers);
        for (var i = 0; i < 20; i++)
        {
            await producer.ProduceAsync(topic, $"key-{i}", $"value-{i}");
        }

        var records = await KafkaRecordReader.ReadAtLeastAsync(fixture.BootstrapServers, topic, 20, Deadline);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"value-{i}"), records.Select(r => r.ValueText));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"key-{i}"), records.Select(r => r.KeyText));
    }

    [Fact]
    public async Task CommittedOffset_NewConsumerInSameGroup_ResumesFromCommit()
    {
        var topic = fixture.CreateTopic("resume", partitions: 1);
        var group = $"group-{Guid.NewGuid():N}";
        using var producer = new KafkaTestProducer(fixture.BootstrapServers);
        for (var i = 0; i < 10; i++)
        {
            await producer.ProduceAsync(topic, "k", i.ToString(CultureInfo.InvariantCulture));
        }

        await Task.Run(() =>
        {
            using var first = CreateAssignedConsumer(topic, group);
            for (var i = 0; i < 4; i++)
            {
                var result = ConsumeOne(first);
                Assert.Equal(i.ToString(CultureInfo.InvariantCulture), result);
            }

            first.Commit([new TopicPartitionOffset(topic, new Partition(0), new Offset(4))]);
            first.Close();
        });

        var resumedAt = await Task.Run(() =>
        {
            using var second = CreateAssignedConsumer(topic, group);
            return ConsumeOne(second);
        });

        Assert.Equal("4", resumedAt);
        Assert.Equal(4, KafkaRecordReader.GetCommittedOffsets(fixture.BootstrapServers, group, topic)[0]);
    }

    [Fact]
    public async Task BrokerDown_ProducerAndConsumerStall_ThenResumeWhenBrokerUp()
    {
        // A private cluster: taking the shared one's broker down would disturb other tests.
        await using var cluster = EmbeddedKafkaCluster.Start();
        var topic = $"outage-{Guid.NewGuid():N}";
        cluster.CreateTopic(topic, 1);
        using var producer = new KafkaTestProducer(cluster.BootstrapServers);
        await producer.ProduceAsync(topic, "k", "before");

        var received = new List<string>();
        using var stop = new CancellationTokenSource();
        var consumerLoop = Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
            {
                BootstrapServers = cluster.BootstrapServers,
                GroupId = $"g-{Guid.NewGuid():N}",
                EnableAutoCommit = false,
                ReconnectBackoffMaxMs = 500,
            })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
            consumer.Assign(new TopicPartitionOffset(topic, new Partition(0), Offset.Beginning));
            while (!stop.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result?.Message is { Value: { } value })
                {
                    lock (received)
                    {
                        received.Add(Encoding.UTF8.GetString(value));
                    }
                }
            }
        });

        await Wait.UntilAsync(() => Count(received) == 1, Deadline, "the first record is consumed");

        cluster.SetBrokerDown(1);
        var duringOutage = producer.ProduceAsync(topic, "k", "during");
        await Wait.HoldsForAsync(
            () => !duringOutage.IsCompleted && Count(received) == 1,
            TimeSpan.FromSeconds(2),
            "nothing is acknowledged or consumed while the only broker is down");

        cluster.SetBrokerUp(1);
        var acknowledged = await duringOutage.WaitAsync(Deadline);
        Assert.Equal(PersistenceStatus.Persisted, acknowledged.Status);
        await Wait.UntilAsync(() => Count(received) == 2, Deadline, "the record produced during the outage is consumed");

        await stop.CancelAsync();
        await consumerLoop;
        Assert.Equal(["before", "during"], received);
    }

    [Fact]
    public void Brokers_ListenOnLoopbackOnly()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 3);

        var endpoints = cluster.BootstrapServers.Split(',');
        Assert.Equal(3, endpoints.Length);
        var listening = ReadListeningSockets();
        foreach (var endpoint in endpoints)
        {
            var colon = endpoint.LastIndexOf(':');
            Assert.Equal("127.0.0.1", endpoint[..colon]);
            var port = int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture);
            Assert.Equal(["127.0.0.1"], listening.Where(s => s.Port == port).Select(s => s.Address).Distinct());
        }
    }

    [Fact]
    public async Task ConfluentClientsAndEmbeddedCluster_ShareOneNativeLibraryImage()
    {
        await using var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic("one-image", 1);
        using var producer = new KafkaTestProducer(cluster.BootstrapServers);
        await producer.ProduceAsync("one-image", "k", "v");

        var images = LibRdKafkaLocator.FindMappedImages();

        var image = Assert.Single(images);
        Assert.EndsWith("librdkafka.so", image, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTopic_ReplicationAboveBrokerCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Cluster.CreateTopic("too-many-replicas", 1, replicationFactor: 2));
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var cluster = EmbeddedKafkaCluster.Start();
        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("after-dispose", 1));
    }

    private IConsumer<byte[]?, byte[]?> CreateAssignedConsumer(string topic, string group)
    {
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = fixture.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        })
        .SetLogHandler((_, _) => { })
        .Build();
        consumer.Assign(new TopicPartitionOffset(topic, new Partition(0), Offset.Stored));
        return consumer;
    }

    private static string ConsumeOne(IConsumer<byte[]?, byte[]?> consumer)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Value: { } value })
            {
                return Encoding.UTF8.GetString(value);
            }
        }

        throw new TimeoutException("No record arrived.");
    }

    private static int Count(List<string> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }

    /// <summary>TCP sockets in LISTEN state, from /proc/net/tcp and tcp6 (addresses as text).</summary>
    private static List<(string Address, int Port)> ReadListeningSockets()
    {
        var sockets = new List<(string, int)>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] != "0A")
                {
                    continue;
                }

                var local = fields[1].Split(':');
                var port = int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                sockets.Add((DecodeAddress(local[0]), port));
            }
        }

        return sockets;
    }

    private static string DecodeAddress(string hex)
    {
        if (hex.Length != 8)
        {
            return hex == "00000000000000000000000000000000" ? "::" : $"ipv6:{hex}";
        }

        var value = uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return string.Join('.', BitConverter.GetBytes(value));
    }
}
