using System.Text.Json;

namespace CiAdapter.Testing.Kafka;

/// <summary>Builds certification events as the community publishes them (SPEC §4).</summary>
public static class ModelEventJson
{
    public static string Initiate(string modelId, string eventId, string? modelUrl = null) =>
        Create("initiate_certification", modelId, eventId, modelUrl);

    public static string Delete(string modelId, string eventId) =>
        Create("delete_certification", modelId, eventId, null);

    private static string Create(string eventType, string modelId, string eventId, string? modelUrl)
    {
        var slash = modelId.IndexOf('/', StringComparison.Ordinal);
        return JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["event_type"] = eventType,
            ["group_name"] = slash > 0 ? modelId[..slash] : null,
            ["model_name"] = slash > 0 ? modelId[(slash + 1)..] : null,
            ["model_id"] = modelId,
            ["model_url"] = modelUrl ?? $"https://models.example/{modelId}",
            ["id"] = eventId,
        });
    }
}
