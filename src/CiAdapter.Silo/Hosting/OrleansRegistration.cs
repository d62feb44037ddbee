using System.Net;
using CiAdapter.Hosting;
using CiAdapter.Postgres.Hosting;
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

            if (settings.PostgresConnectionString is { } connectionString)
            {
                silo.UsePostgres(connectionString, StorageNames.Models);
            }
            else
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                silo.AddCiAdapterMemoryStorage();
                silo.UseInMemoryReminderService();
            }

            silo.Configure<EndpointOptions>(o =>
            {
                // In a pod: listen on every interface, advertise the pod's IP (downward API).
                o.AdvertisedIPAddress = settings.AdvertisedAddress ?? IPAddress.Loopback;
                o.SiloPort = settings.SiloPort;
                o.GatewayPort = settings.GatewayPort;
                if (settings.AdvertisedAddress is not null)
                {
                    o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.SiloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.GatewayPort);
                }
            });
            if (settings.PodName is { } podName)
            {
                silo.Configure<SiloOptions>(o => o.SiloName = podName);
            }

            if (settings.InKubernetes)
            {
                // Marks silos whose pods are gone as dead at once instead of after missed probes.
                silo.UseKubernetesHosting();
            }

            silo.AddCiAdapterDashboard();
        });
        return builder;
    }
}
