namespace CiAdapter.Kafka.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds a stream provider named <paramref name="name"/> that reads certification events from
    /// Kafka. Its agents start stopped: call <see cref="KafkaStreamAgents.StartKafkaStreamAgentsAsync"/>
    /// on each silo once the silo may consume.
    /// </summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<KafkaStreamOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddKafkaStreams(name, configurator => configurator.ConfigureKafka(options => options.Configure(configure)));
    }

    /// <summary>Adds the Kafka stream provider and lets the caller reach every knob of its configurator.</summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<SiloKafkaStreamConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var configurator = new SiloKafkaStreamConfigurator(name, configureServices => builder.ConfigureServices(configureServices));
        configure?.Invoke(configurator);
        return builder;
    }
}
