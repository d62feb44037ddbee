using Orleans.Storage;

namespace CiAdapter.Postgres.Storage;

/// <summary>
/// Puts every grain's state under a key that no other grain can share before handing it to
/// Orleans' ADO.NET grain storage. See <see cref="GrainStorageKey"/> for why the provider's own
/// keys collide and how the mapped key avoids it. State names and payloads pass through as they are.
/// </summary>
internal sealed class CollisionSafeGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, GrainStorageKey.For(grainId), grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, GrainStorageKey.For(grainId), grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, GrainStorageKey.For(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.WriteStateAsync(stateName, GrainStorageKey.For(grainId), grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, GrainStorageKey.For(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, GrainStorageKey.For(grainId), grainState, cancellationToken);

    // The ADO.NET provider loads its queries in the silo lifecycle; it must still take part.
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
