using CiAdapter.Simulators.Backend;
using CiAdapter.Simulators.CodeArts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CiAdapter.Simulators.Hosting;

/// <summary>Maps the simulators into an ASP.NET Core app, e.g. the service's local default.</summary>
public static class SimulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <paramref name="simulator"/> under <paramref name="prefix"/> (e.g. <c>/sim/codearts</c>,
    /// making <c>CI_BASE_URL</c> <c>http://host:port/sim/codearts</c>): <c>POST {prefix}/dispatch</c>,
    /// <c>GET {prefix}/task/{task_id}/status</c>, <c>GET {prefix}/reports/{task_id}</c> and the control
    /// surface <c>{prefix}/_sim/faults</c>, <c>GET {prefix}/_sim/tasks</c>.
    /// </summary>
    /// <returns>The group, to add conventions to (e.g. <c>AllowAnonymous()</c>).</returns>
    public static RouteGroupBuilder MapCodeArtsSimulator(this IEndpointRouteBuilder endpoints, string prefix, CodeArtsSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(simulator);
        var normalized = Normalize(prefix);
        var group = endpoints.MapGroup(normalized);
        CodeArtsEndpoints.Map(group, simulator, normalized);
        return group;
    }

    /// <summary>
    /// Serves <paramref name="simulator"/> under <paramref name="prefix"/> (e.g. <c>/sim/backend</c>):
    /// <c>POST {prefix}/updateStatus</c>, <c>GET {prefix}/api/modelstate</c> and the control surface
    /// <c>{prefix}/_sim/faults</c>.
    /// </summary>
    /// <returns>The group, to add conventions to (e.g. <c>AllowAnonymous()</c>).</returns>
    public static RouteGroupBuilder MapBackendSimulator(this IEndpointRouteBuilder endpoints, string prefix, BackendSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(simulator);
        var group = endpoints.MapGroup(Normalize(prefix));
        BackendEndpoints.Map(group, simulator);
        return group;
    }

    /// <summary>"/sim/codearts/" and "sim/codearts" become "/sim/codearts"; "/" becomes "".</summary>
    private static string Normalize(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var trimmed = prefix.Trim().Trim('/');
        return trimmed.Length == 0 ? "" : "/" + trimmed;
    }
}
