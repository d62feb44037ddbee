using System.Text;
using Confluent.Kafka;

namespace CiAdapter.Testing.Kafka;

/// <summary>Produces raw records to the embedded cluster and waits for each acknowledgement.</summary>
public sealed class KafkaTestProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;

    public KafkaTestProducer(string bootstrapServers, int maxMessageBytes = 4 * 1024 * 1024)
    {
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 1,
            MessageMaxBytes = maxMessageBytes,
        })
        .SetLogHandler((_, _) => { })
        .Build();
    }

    public Task<DeliveryResult<byte[]?, byte[]?>> ProduceAsync(
        string topic, string? key, string? value, int? partition = null, Headers? headers = null) =>
        ProduceAsync(topic, key is null ? null : Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value), partition, headers);

    public Task<DeliveryResult<byte[]?, byte[]?>> ProduceAsync(
        string topic, byte[]? key, byte[]? value, int? partition = null, Headers? headers = null)
    {
        var message = new Message<byte[]?, byte[]?> { Key = key, Value = value, Headers = headers ?? [] };
        return partition is { } p
            ? _producer.ProduceAsync(new TopicPartition(topic, new Partition(p)), message)
            : _producer.ProduceAsync(topic, message);
    }

    /// <summary>Produces without waiting per record, then waits for all acknowledgements (fast bulk load).</summary>
    public void ProduceMany(string topic, IEnumerable<(int Partition, string Key, string Value)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var (partition, key, value) in records)
        {
            while (true)
            {
                try
                {
                    _producer.Produce(
                        new TopicPartition(topic, new Partition(partition)),
                        new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = Encoding.UTF8.GetBytes(value) },
                        report =>
                        {
                            if (report.Error.IsError)
                            {
                                throw new KafkaException(report.Error);
                            }
                        });
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    _producer.Poll(TimeSpan.FromMilliseconds(100));
                }
            }
        }

        Flush();
    }

    public void Flush()
    {
        if (_producer.Flush(TimeSpan.FromSeconds(60)) != 0)
        {
            throw new TimeoutException("Records were still unacknowledged after 60 s.");
        }
    }

    public void Dispose() => _producer.Dispose();
}
