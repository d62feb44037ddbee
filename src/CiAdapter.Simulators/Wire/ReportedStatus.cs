using System.Text.Json.Serialization;

namespace CiAdapter.Simulators.Wire;

/// <summary>One entry of an <c>/updateStatus</c> body: <c>{"model_id","status"}</c>.</summary>
public sealed record ReportedStatus(
    [property: JsonPropertyName("model_id")] string ModelId,
    [property: JsonPropertyName("status")] string Status);
