using System.Net;
using CiAdapter.Hosting;
using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Dashboard;
using Orleans.Configuration;

namespace CiAdapter.Silo.Hosting;

internal static class OrleansRegistration
{
    /// <summary>
    /// The one place that picks the Orleans providers: PostgreSQL clustering, storage and reminders
    /// when POSTGRES_CONNECTION_STRING is set; localhost clustering and memory otherwise.
    /// </summary>
    public static WebApplicationBuilder UseCiAdapterOrleans(this WebApplicationBuilder builder, CiAdapterSettings settings)
    {
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = settings.ServiceId;
                o.ClusterId = settings.ClusterId;
            });

            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = settings.AdvertisedAddress ?? IPAddress.Loopback;
                o.SiloPort = settings.SiloPort;
                o.GatewayPort = settings.GatewayPort;
            });
            silo.AddMemoryGrainStorage(StorageNames.Models);
            silo.UseInMemoryReminderService();
            silo.AddCiAdapterDashboard();
        });
        return builder;
    }
}
