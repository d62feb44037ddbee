using System.Text.Json.Serialization;

namespace CiAdapter.Wire;

/// <summary>
/// A model as CodeArts receives it on dispatch and the backend serves it at start-up (the seed's
/// <c>ModelInfo</c>, plus <c>model_url</c>). <c>version</c> and <c>last_updated</c> are strings on the wire.
/// </summary>
internal sealed class ModelInfoWire
{
    public string? GroupName { get; set; }

    public string? ModelName { get; set; }

    public string? ModelId { get; set; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? Version { get; set; }

    public string? TestStatus { get; set; }

    public string? LastUpdated { get; set; }

    public CiTaskWire? CiTask { get; set; }

    public string? ModelUrl { get; set; }
}
