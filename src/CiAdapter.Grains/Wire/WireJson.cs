using System.Text.Json;
using System.Text.Json.Serialization;

namespace CiAdapter.Wire;

/// <summary>The JSON conventions of the CodeArts and backend contracts: snake_case, unknown fields ignored.</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
