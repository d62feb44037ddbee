using System.Text.Json.Serialization;

namespace CiAdapter.Silo.Admin;

/// <summary>The admin API's JSON: snake_case like every other wire of the service, nulls written out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelDocument))]
[JsonSerializable(typeof(ModelListDocument))]
[JsonSerializable(typeof(ModelSummaryDocument))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
