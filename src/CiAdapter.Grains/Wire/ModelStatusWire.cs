namespace CiAdapter.Wire;

/// <summary>One entry of the backend's <c>POST /updateStatus</c>.</summary>
internal sealed record ModelStatusWire(string ModelId, string Status);
