using CiAdapter.Hosting;
using CiAdapter.Silo.Admin;
using CiAdapter.Silo.Auth;
using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Dashboard;
using CiAdapter.Silo.Health;
using CiAdapter.Silo.LocalDefault;
using CiAdapter.Silo.Metrics;
using CiAdapter.Silo.Startup;

namespace CiAdapter.Silo.Hosting;

public static class CiAdapterHostingExtensions
{
    /// <summary>Everything the service needs, chosen from its configuration keys (SPEC §3).</summary>
    /// <exception cref="InvalidConfigurationException">A key has an unusable value.</exception>
    public static WebApplicationBuilder AddCiAdapter(this WebApplicationBuilder builder)
    {
        var settings = SettingsReader.Read(builder.Configuration, builder.Environment);
        builder.WebHost.UseUrls(SettingsReader.Urls(builder.Configuration));
        builder.AddCiAdapterLogging(settings);
        builder.Services.AddCiAdapterOptions(settings);
        builder.Services.AddCiAdapterGrainServices();
        builder.UseCiAdapterOrleans(settings);
        builder.Services.AddSingleton<ReadinessState>();
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
