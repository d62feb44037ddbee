using System.Text.Json.Serialization;

namespace CiAdapter.Simulators.Wire;

/// <summary>
/// A model's info in the seed's snake_case shape: the body the adapter dispatches to CodeArts and
/// the value of each entry the backend serves from <c>/api/modelstate</c>.
/// </summary>
/// <remarks>
/// <see cref="Version"/> and <see cref="LastUpdated"/> are strings on the wire, as in the seed
/// (<c>"3"</c>, <c>"2026-12-04T10:00:00Z"</c>). Members absent from a body are null.
/// </remarks>
public sealed record ModelInfo
{
    [JsonPropertyName("group_name")]
    public string? GroupName { get; init; }

    [JsonPropertyName("model_name")]
    public string? ModelName { get; init; }

    [JsonPropertyName("model_id")]
    public string? ModelId { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("test_status")]
    public string? TestStatus { get; init; }

    [JsonPropertyName("last_updated")]
    public string? LastUpdated { get; init; }

    [JsonPropertyName("ci_task")]
    public CiTaskInfo? CiTask { get; init; }

    [JsonPropertyName("model_url")]
    public string? ModelUrl { get; init; }
}
