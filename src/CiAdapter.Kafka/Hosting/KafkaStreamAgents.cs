using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Providers.Streams.Common;

namespace CiAdapter.Kafka.Hosting;

/// <summary>Starts and stops the Kafka stream provider's pulling agents on the local silo.</summary>
public static class KafkaStreamAgents
{
    /// <summary>
    /// Starts this silo's pulling agents: the silo takes its share of partitions and reads each from
    /// its committed offset. Call once the silo may consume (after start-up restore).
    /// </summary>
    public static Task StartKafkaStreamAgentsAsync(this IServiceProvider services, string name) =>
        ExecuteAsync(services, name, PersistentStreamProviderCommand.StartAgents);

    /// <summary>
    /// Stops this silo's pulling agents: each partition commits what was applied and is released.
    /// Silo shutdown does the same by itself; this is for stopping consumption while the silo lives.
    /// </summary>
    public static Task StopKafkaStreamAgentsAsync(this IServiceProvider services, string name) =>
        ExecuteAsync(services, name, PersistentStreamProviderCommand.StopAgents);

    private static async Task ExecuteAsync(IServiceProvider services, string name, PersistentStreamProviderCommand command)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var provider = services.GetRequiredKeyedService<IControllable>(name);

        // Off the caller's context: the pulling manager serializes start and stop commands itself.
        await Task.Run(() => provider.ExecuteCommand((int)command, null)).ConfigureAwait(false);
    }
}
