using CiAdapter.Kafka.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams;

namespace CiAdapter.Kafka.Hosting;

/// <summary>
/// Wires the Kafka stream provider into a silo: persistent streams with implicit subscriptions
/// only (no pub/sub store), and agents that stay stopped until the application starts them.
/// </summary>
public sealed class SiloKafkaStreamConfigurator : SiloPersistentStreamConfigurator
{
    public SiloKafkaStreamConfigurator(string name, Action<Action<IServiceCollection>> configureServicesDelegate)
        : base(name, configureServicesDelegate, KafkaAdapterFactory.Create)
    {
        ConfigureDelegate(services =>
        {
            services.AddMetrics();
            services.AddTransient<IConfigurationValidator>(sp =>
                new KafkaStreamOptionsValidator(sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name), name));
            services.AddTransient<IConfigurationValidator>(sp =>
                new PullingAgentOptionsValidator(sp.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(name), name));
        });
        this.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);

        // Consuming must wait for the application's start-up restore (SPEC §6): see StartKafkaStreamAgentsAsync.
        this.ConfigureLifecycle(builder => builder.Configure(options => options.StartupState = StreamLifecycleOptions.RunState.AgentsStopped));
    }

    public SiloKafkaStreamConfigurator ConfigureKafka(Action<OptionsBuilder<KafkaStreamOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }

    /// <summary>Events held per partition by the pulling agent's cache (Orleans' <see cref="SimpleQueueCacheOptions"/>).</summary>
    public SiloKafkaStreamConfigurator ConfigureCache(int cacheSize = SimpleQueueCacheOptions.DEFAULT_CACHE_SIZE)
    {
        this.Configure<SimpleQueueCacheOptions>(builder => builder.Configure(options => options.CacheSize = cacheSize));
        return this;
    }
}
