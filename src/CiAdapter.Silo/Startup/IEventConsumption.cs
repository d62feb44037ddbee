namespace CiAdapter.Silo.Startup;

/// <summary>Something that consumes events and must only start after the start-up restore.</summary>
public interface IEventConsumption
{
    /// <summary>A short name for logs, e.g. the stream provider's.</summary>
    string Name { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops consuming and makes what was consumed durable (offsets), before the silo stops.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
