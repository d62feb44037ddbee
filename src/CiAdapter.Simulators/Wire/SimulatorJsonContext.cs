using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CiAdapter.Simulators.Control;

namespace CiAdapter.Simulators.Wire;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(CiTaskInfo))]
[JsonSerializable(typeof(StatusUpdateRequest))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(FaultRuleWire))]
[JsonSerializable(typeof(Dictionary<string, List<FaultRuleWire>>))]
[JsonSerializable(typeof(List<TaskWire>))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
