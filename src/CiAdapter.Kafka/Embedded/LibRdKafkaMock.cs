using System.Runtime.InteropServices;

namespace CiAdapter.Kafka.Embedded;

/// <summary>The slice of librdkafka's C API (rdkafka.h, rdkafka_mock.h) that hosts a mock cluster.</summary>
internal static partial class LibRdKafkaMock
{
    internal const int ProducerType = 0;
    internal const int ConfigOk = 0;
    internal const int NoError = 0;

    static LibRdKafkaMock() => LibRdKafkaLocator.Register(typeof(LibRdKafkaMock).Assembly);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, byte[] errorText, nuint errorTextSize);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_new")]
    internal static partial nint New(int type, nint conf, byte[] errorText, nuint errorTextSize);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint rk);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_err2str")]
    internal static partial nint ErrorToString(int error);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint ClusterNew(nint rk, int brokerCount);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void ClusterDestroy(nint cluster);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial nint ClusterBootstraps(nint cluster);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TopicCreate(nint cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial int BrokerSetDown(nint cluster, int brokerId);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial int BrokerSetUp(nint cluster, int brokerId);

    [LibraryImport(LibRdKafkaLocator.LibraryName, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void GroupInitialRebalanceDelayMs(nint cluster, int delayMs);

    internal static string DescribeError(int error) =>
        Marshal.PtrToStringUTF8(ErrorToString(error)) ?? $"librdkafka error {error}";

    internal static string ReadErrorText(byte[] errorText)
    {
        var end = Array.IndexOf(errorText, (byte)0);
        return System.Text.Encoding.UTF8.GetString(errorText, 0, end < 0 ? errorText.Length : end);
    }
}
