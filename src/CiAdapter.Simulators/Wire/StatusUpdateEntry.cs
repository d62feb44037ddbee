using System.Text.Json.Serialization;

namespace CiAdapter.Simulators.Wire;

/// <summary>An <c>/updateStatus</c> entry as received, before it is checked.</summary>
internal sealed record StatusUpdateEntry
{
    [JsonPropertyName("model_id")]
    public string? ModelId { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
