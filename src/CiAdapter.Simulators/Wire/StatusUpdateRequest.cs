using System.Text.Json.Serialization;

namespace CiAdapter.Simulators.Wire;

/// <summary>The body of <c>POST /updateStatus</c>.</summary>
internal sealed record StatusUpdateRequest
{
    [JsonPropertyName("statuses")]
    public List<StatusUpdateEntry?>? Statuses { get; init; }
}
