using CiAdapter.Kafka.Hosting;
using CiAdapter.Kafka.Providers;
using CiAdapter.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Streams;
using Orleans.TestingHost;

namespace CiAdapter.Kafka.Tests.Providers.Support;

/// <summary>Starts in-process silos that read a topic through the Kafka stream provider.</summary>
public static class KafkaSilos
{
    public const string Provider = ModelStreams.ProviderName;

    public static async Task<InProcessTestCluster> StartAsync(
        string bootstrapServers,
        string topic,
        string deadLetterTopic,
        short silos = 1,
        bool startAgents = true,
        Action<KafkaStreamOptions>? kafka = null,
        Action<StreamPullingAgentOptions>? agents = null,
        int? cacheSize = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddKafkaStreams(Provider, configurator =>
        {
            configurator.ConfigureKafka(options => options.Configure(o =>
            {
                o.BootstrapServers = bootstrapServers;
                o.Topic = topic;
                o.DeadLetterTopic = deadLetterTopic;
                o.ConsumerGroupId = $"group-{topic}";
                o.CommitInterval = TimeSpan.FromMilliseconds(200);
                o.StreamNamespace = RecordingGrain.Namespace;
                kafka?.Invoke(o);
            }));
            configurator.ConfigurePullingAgent(options => options.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(50);
                agents?.Invoke(o);
            }));
            if (cacheSize is { } size)
            {
                configurator.ConfigureCache(size);
            }
        }));

        var cluster = builder.Build();
        await cluster.DeployAsync();
        if (startAgents)
        {
            foreach (var silo in cluster.Silos)
            {
                await StartAgentsAsync(cluster, silo);
            }
        }

        return cluster;
    }

    public static Task StartAgentsAsync(InProcessTestCluster cluster, InProcessSiloHandle silo) =>
        cluster.GetSiloServiceProvider(silo.SiloAddress).StartKafkaStreamAgentsAsync(Provider);

    /// <summary>The partitions the silo's consumer reads right now.</summary>
    public static IReadOnlyCollection<int> OwnedPartitions(InProcessTestCluster cluster, InProcessSiloHandle silo) =>
        ((KafkaAdapterFactory)cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredKeyedService<IQueueAdapterFactory>(Provider)).OwnedPartitions;
}
