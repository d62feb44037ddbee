using CiAdapter.Models;

namespace CiAdapter.Testing.Orleans;

/// <summary>Certification events and unique model ids for tests.</summary>
public static class TestEvents
{
    /// <summary>A model id no other test uses, in the community's <c>group/name</c> form.</summary>
    public static string NewModelId(string name = "model") => $"test-group/{name}-{Guid.NewGuid():N}";

    public static ModelEvent Initiate(string modelId, string? eventId = null) => new()
    {
        EventId = eventId ?? NewEventId(),
        Type = ModelEventType.Initiate,
        ModelId = modelId,
        ModelUrl = $"https://models.example/{modelId}",
    };

    public static ModelEvent Delete(string modelId, string? eventId = null) => new()
    {
        EventId = eventId ?? NewEventId(),
        Type = ModelEventType.Delete,
        ModelId = modelId,
    };

    public static string NewEventId() => $"evt-{Guid.NewGuid():N}";
}
