using CiAdapter.Simulators.Faults;

namespace CiAdapter.Simulators.Backend;

/// <summary>One <c>GET /api/modelstate</c> the simulator received, whatever it answered.</summary>
/// <param name="ReceivedAt">When the call arrived.</param>
/// <param name="StatusCode">The status answered; null when the connection was reset or the client left first.</param>
/// <param name="ModelCount">How many models the answer held; 0 when none was served.</param>
/// <param name="Fault">The fault injected into the call, if any.</param>
public sealed record ModelStateRead(
    DateTimeOffset ReceivedAt,
    int? StatusCode,
    int ModelCount,
    FaultKind? Fault);
