using CiAdapter.Simulators.Faults;

namespace CiAdapter.Simulators.CodeArts;

/// <summary>One <c>GET /task/{task_id}/status</c> the simulator received, whatever it answered.</summary>
/// <param name="ReceivedAt">When the call arrived.</param>
/// <param name="TaskId">The task id named in the path.</param>
/// <param name="ModelId">The task's model; null for an unknown task or a call stopped before the lookup.</param>
/// <param name="StatusCode">The status answered; null when the connection was reset or the client left first.</param>
/// <param name="Status">The task status served (running, success, failed); null when none was.</param>
/// <param name="Fault">The fault injected into the call, if any.</param>
public sealed record PollRecord(
    DateTimeOffset ReceivedAt,
    string TaskId,
    string? ModelId,
    int? StatusCode,
    string? Status,
    FaultKind? Fault);
