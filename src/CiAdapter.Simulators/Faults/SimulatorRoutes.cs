namespace CiAdapter.Simulators.Faults;

/// <summary>The names of the routes faults can be injected into, as the control surface spells them.</summary>
public static class SimulatorRoutes
{
    /// <summary>CodeArts <c>POST /dispatch</c>.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>CodeArts <c>GET /task/{task_id}/status</c>.</summary>
    public const string TaskStatus = "status";

    /// <summary>Backend <c>POST /updateStatus</c>.</summary>
    public const string UpdateStatus = "updateStatus";

    /// <summary>Backend <c>GET /api/modelstate</c>.</summary>
    public const string ModelState = "modelstate";
}
