using CiAdapter.Kafka.Embedded;
using CiAdapter.Kafka.Hosting;
using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Startup;
using CiAdapter.Streams;

namespace CiAdapter.Silo.Events;

internal static class EventsRegistration
{
    /// <summary>Partitions of the local default's topic: enough to show several queues in the dashboard.</summary>
    private const int EmbeddedPartitions = 4;

    /// <summary>
    /// Certification events from Kafka onto model streams. Without KAFKA_BROKERS (local default)
    /// an embedded Kafka-protocol cluster on loopback stands in for Kafka, topics included.
    /// </summary>
    public static WebApplicationBuilder AddCiAdapterEvents(this WebApplicationBuilder builder, CiAdapterSettings settings)
    {
        var endpoint = settings.KafkaBrokers is { } brokers
            ? new KafkaEndpoint(brokers, settings.KafkaTopic, settings.KafkaDlqTopic)
            : StartEmbeddedCluster(settings);

        // A factory registration, so that the container disposes it (and an embedded cluster with it).
        builder.Services.AddSingleton(_ => endpoint);
        builder.Services.AddSingleton<IEventConsumption, KafkaEventConsumption>();
        builder.UseOrleans(silo => silo.AddKafkaStreams(ModelStreams.ProviderName, options =>
        {
            options.BootstrapServers = endpoint.BootstrapServers;
            options.Topic = endpoint.Topic;
            options.DeadLetterTopic = endpoint.DeadLetterTopic;
            options.ConsumerGroupId = settings.KafkaGroupId;
        }));
        return builder;
    }

    private static KafkaEndpoint StartEmbeddedCluster(CiAdapterSettings settings)
    {
        var cluster = EmbeddedKafkaCluster.Start();
        cluster.CreateTopic(settings.KafkaTopic, EmbeddedPartitions);
        cluster.CreateTopic(settings.KafkaDlqTopic, 1);
        return new KafkaEndpoint(cluster.BootstrapServers, settings.KafkaTopic, settings.KafkaDlqTopic, cluster);
    }
}
