using CiAdapter.Silo.Auth;
using Orleans.Dashboard;

namespace CiAdapter.Silo.Dashboard;

/// <summary>
/// The Orleans dashboard (live grains, silos, calls, reminders) on the service's HTTP port under
/// <see cref="Path"/>. It has no authentication of its own: the admin token guards it, with a Basic
/// challenge so a browser asks for it.
/// </summary>
internal static class DashboardRegistration
{
    public const string Path = "/dashboard";

    public static ISiloBuilder AddCiAdapterDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    public static IEndpointRouteBuilder MapCiAdapterDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrleansDashboard(Path).RequireAdminToken(AdminChallenge.Basic);
        return endpoints;
    }
}
