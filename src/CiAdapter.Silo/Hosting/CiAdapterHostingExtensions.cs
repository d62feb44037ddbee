using CiAdapter.Hosting;
using CiAdapter.Silo.Admin;
using CiAdapter.Silo.Auth;
using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Dashboard;
using CiAdapter.Silo.Events;
using CiAdapter.Silo.Health;
using CiAdapter.Silo.LocalDefault;
using CiAdapter.Silo.Metrics;
using CiAdapter.Silo.Startup;

namespace CiAdapter.Silo.Hosting;

public static class CiAdapterHostingExtensions
{
    /// <summary>Time to stop consuming, commit offsets and deactivate grains after SIGTERM.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Everything the service needs, chosen from its configuration keys (SPEC §3).</summary>
    /// <exception cref="InvalidConfigurationException">A key has an unusable value.</exception>
    public static WebApplicationBuilder AddCiAdapter(this WebApplicationBuilder builder)
    {
        var settings = SettingsReader.Read(builder.Configuration, builder.Environment);
        builder.WebHost.UseUrls(SettingsReader.Urls(builder.Configuration));

        // Kubernetes waits terminationGracePeriodSeconds (45 s in deploy/) before it kills the pod.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.AddCiAdapterLogging(settings);
        builder.Services.AddCiAdapterOptions(settings);
        builder.Services.AddCiAdapterGrainServices();
        builder.UseCiAdapterOrleans(settings);
        builder.AddCiAdapterEvents(settings);
        builder.Services.AddSingleton<ReadinessState>();
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddHostedService<StartupCoordinator>();
        builder.Services.AddCiAdapterHealth();
        builder.Services.AddLocalSimulators(settings);
        builder.Services.AddCiAdapterAdminAuth(settings);
        builder.Services.AddCiAdapterAdminApi();
        builder.Services.AddCiAdapterMetrics(settings);
        return builder;
    }

    public static WebApplication MapCiAdapter(this WebApplication app)
    {
        app.MapCiAdapterHealth();
        app.MapLocalSimulators();
        app.UseCiAdapterAdminAuth();
        app.MapCiAdapterMetrics();
        app.MapCiAdapterAdminApi();
        app.MapCiAdapterDashboard();
        return app;
    }
}
