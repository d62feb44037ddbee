namespace CiAdapter.Simulators.Control;

/// <summary>A CodeArts task as <c>GET {prefix}/_sim/tasks</c> lists it.</summary>
internal sealed record TaskWire(
    string TaskId,
    string ModelId,
    string Status,
    DateTimeOffset DispatchedAt,
    DateTimeOffset? FinishedAt,
    int PollCount);
