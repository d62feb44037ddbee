namespace CiAdapter.Wire;

/// <summary>The body of the backend's <c>GET /api/modelstate</c>.</summary>
internal sealed class ModelStateWire
{
    public Dictionary<string, ModelInfoWire?>? Models { get; set; }
}
