namespace CiAdapter.Wire;

/// <summary>The body of the backend's <c>POST /updateStatus</c>.</summary>
internal sealed record StatusUpdateWire(IReadOnlyList<ModelStatusWire> Statuses);
