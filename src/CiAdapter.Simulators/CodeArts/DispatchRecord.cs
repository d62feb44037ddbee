using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Wire;

namespace CiAdapter.Simulators.CodeArts;

/// <summary>One <c>POST /dispatch</c> the simulator received, whatever it answered.</summary>
/// <param name="ReceivedAt">When the call arrived.</param>
/// <param name="Body">The body exactly as received (UTF-8).</param>
/// <param name="Request">The body read as model info; null when it was not valid model info JSON.</param>
/// <param name="StatusCode">The status answered; null when the connection was reset or the client left first.</param>
/// <param name="TaskId">The task created; null when none was.</param>
/// <param name="Fault">The fault injected into the call, if any.</param>
public sealed record DispatchRecord(
    DateTimeOffset ReceivedAt,
    string Body,
    ModelInfo? Request,
    int? StatusCode,
    string? TaskId,
    FaultKind? Fault)
{
    public string? ModelId => Request?.ModelId;

    /// <summary>A task was created, even if a <see cref="FaultKind.DropResponse"/> fault hid the answer.</summary>
    public bool Accepted => TaskId is not null;
}
