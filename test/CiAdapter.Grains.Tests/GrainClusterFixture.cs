using CiAdapter.Testing.Orleans;

namespace CiAdapter.Grains.Tests;

/// <summary>One cluster and one pair of simulators for a test class; tests use their own model ids.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    private GrainCluster? _cluster;

    public GrainCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync() => _cluster = await GrainCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
