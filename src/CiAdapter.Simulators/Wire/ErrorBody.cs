using System.Text.Json.Serialization;

namespace CiAdapter.Simulators.Wire;

/// <summary>The body of every error the simulators answer, shaped like CodeArts' own errors.</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("error_code")] string ErrorCode,
    [property: JsonPropertyName("error_msg")] string ErrorMessage);
