using CiAdapter.Grains;
using CiAdapter.Models;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Testing;
using CiAdapter.Testing.Kafka;
using CiAdapter.Testing.Service;
using Microsoft.Extensions.DependencyInjection;

namespace CiAdapter.Silo.Tests.Events;

/// <summary>
/// What a service test that reads Kafka needs: an embedded Kafka-protocol cluster, the CodeArts and
/// backend simulators, and Production settings for a service with its own topic, DLQ and group.
/// </summary>
public sealed class KafkaServiceFixture : IAsyncLifetime
{
    public const string CiToken = "kafka-service-ci-token";

    public KafkaClusterFixture Kafka { get; } = new();

    public SimulatorServer Simulators { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Kafka.InitializeAsync();
        Simulators = await SimulatorServer.StartAsync(new SimulatorServerOptions
        {
            CodeArts = new() { Token = CiToken, RunTime = TimeSpan.FromSeconds(1) },
        });
    }

    public async Task DisposeAsync()
    {
        await Simulators.DisposeAsync();
        await Kafka.DisposeAsync();
    }

    /// <summary>Production keys for a service reading its own fresh topic (4 partitions) with its own DLQ and group.</summary>
    public ServiceTopics NewTopics(int partitions = 4) => new(
        Kafka.BootstrapServers,
        Kafka.CreateTopic("events", partitions),
        Kafka.CreateTopic("dlq", 1),
        $"group-{Guid.NewGuid():N}");

    public Dictionary<string, string?> ProductionSettings(ServiceTopics topics)
    {
        var settings = ServiceSettings.Production(Simulators, CiToken, syncBackendInterval: "2s");
        topics.AddTo(settings);
        return settings;
    }
}

internal static class ServiceHostModelExtensions
{
    public static Task<ModelSnapshot?> GetModelAsync(this ServiceHost host, string modelId) =>
        host.Services.GetRequiredService<IGrainFactory>().GetGrain<IModelGrain>(modelId).GetAsync();

    public static Task<ModelSnapshot> WaitForModelAsync(this ServiceHost host, string modelId, Func<ModelSnapshot, bool> condition, string because) =>
        Wait.ForAsync(() => host.GetModelAsync(modelId), m => m is not null && condition(m), TimeSpan.FromSeconds(30), because)!;
}
