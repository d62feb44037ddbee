using CiAdapter.Kafka.Hosting;
using CiAdapter.Silo.Startup;
using CiAdapter.Streams;

namespace CiAdapter.Silo.Events;

/// <summary>The Kafka stream provider's pulling agents on this silo, started only after the restore.</summary>
internal sealed class KafkaEventConsumption(IServiceProvider services, KafkaEndpoint endpoint) : IEventConsumption
{
    public string Name => $"Kafka topic '{endpoint.Topic}' at {endpoint.BootstrapServers}";

    public Task StartAsync(CancellationToken cancellationToken) => services.StartKafkaStreamAgentsAsync(ModelStreams.ProviderName);

    public Task StopAsync(CancellationToken cancellationToken) => services.StopKafkaStreamAgentsAsync(ModelStreams.ProviderName);
}
