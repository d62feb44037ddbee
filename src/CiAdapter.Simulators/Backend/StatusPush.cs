using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Wire;

namespace CiAdapter.Simulators.Backend;

/// <summary>One <c>POST /updateStatus</c> the simulator received, whatever it answered.</summary>
/// <param name="ReceivedAt">When the call arrived.</param>
/// <param name="Body">The body exactly as received (UTF-8).</param>
/// <param name="Statuses">The statuses the body carried; empty when it could not be read.</param>
/// <param name="StatusCode">The status answered; null when the connection was reset or the client left first.</param>
/// <param name="Applied">The statuses were taken in, even if a <see cref="FaultKind.DropResponse"/> fault hid the answer.</param>
/// <param name="Fault">The fault injected into the call, if any.</param>
public sealed record StatusPush(
    DateTimeOffset ReceivedAt,
    string Body,
    IReadOnlyList<ReportedStatus> Statuses,
    int? StatusCode,
    bool Applied,
    FaultKind? Fault);
