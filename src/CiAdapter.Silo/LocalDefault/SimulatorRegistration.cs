using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Hosting;
using CiAdapter.Simulators.Backend;
using CiAdapter.Simulators.CodeArts;
using CiAdapter.Simulators.Hosting;

namespace CiAdapter.Silo.LocalDefault;

/// <summary>
/// The local default's stand-ins for CodeArts and the backend, served by this service itself under
/// <c>/sim/</c>. Only when the key is unset in Development: in Production nothing is simulated.
/// </summary>
internal static class SimulatorRegistration
{
    /// <summary>Like a CodeArts tenant, which runs at most five pipelines at once.</summary>
    private const int MaxRunningTasks = 5;

    public static IServiceCollection AddLocalSimulators(this IServiceCollection services, CiAdapterSettings settings)
    {
        if (settings.SimulatesCodeArts)
        {
            services.AddSingleton(sp => new CodeArtsSimulator(
                new CodeArtsSimulatorOptions
                {
                    Token = settings.CiApiToken,
                    RunTime = TimeSpan.FromSeconds(8),
                    MaxRunningTasks = MaxRunningTasks,
                },
                sp.GetRequiredService<ILogger<CodeArtsSimulator>>()));
        }

        if (settings.SimulatesBackend)
        {
            services.AddSingleton(sp => new BackendSimulator(logger: sp.GetRequiredService<ILogger<BackendSimulator>>()));
        }

        if (settings.SampleEvents && settings.UsesEmbeddedKafka)
        {
            services.AddHostedService<SampleEventPublisher>();
        }

        return services;
    }

    public static WebApplication MapLocalSimulators(this WebApplication app)
    {
        if (app.Services.GetService<CodeArtsSimulator>() is { } codeArts)
        {
            app.MapCodeArtsSimulator("/" + OptionsRegistration.CodeArtsSimulatorPath, codeArts).AllowAnonymous();
        }

        if (app.Services.GetService<BackendSimulator>() is { } backend)
        {
            app.MapBackendSimulator("/" + OptionsRegistration.BackendSimulatorPath, backend).AllowAnonymous();
        }

        return app;
    }
}
