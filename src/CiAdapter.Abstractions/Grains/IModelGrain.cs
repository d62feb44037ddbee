using CiAdapter.Models;

namespace CiAdapter.Grains;

/// <summary>
/// One model's certification: owns its state machine (SPEC §5), its CI task and its schedule.
/// The key is the model id, e.g. <c>ai-group/llama-7b</c>.
/// </summary>
[Alias("ci.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Applies an event and returns once the result is durable.</summary>
    [Alias("Apply")]
    Task<ApplyOutcome> ApplyAsync(ModelEvent modelEvent);

    /// <summary>The model's state, or null when the service does not know the model.</summary>
    [Alias("Get")]
    Task<ModelSnapshot?> GetAsync();

    /// <summary>Seeds the grain from the backend at start-up unless it already holds the same or newer state.</summary>
    [Alias("Restore")]
    Task<RestoreOutcome> RestoreAsync(ModelSnapshot fromBackend);
}
