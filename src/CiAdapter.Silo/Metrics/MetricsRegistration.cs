using CiAdapter.Diagnostics;
using CiAdapter.Silo.Admin;
using CiAdapter.Silo.Configuration;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CiAdapter.Silo.Metrics;

internal static class MetricsRegistration
{
    /// <summary>The Kafka stream provider's meter (its KafkaStreamMetrics.MeterName): events consumed and dead-lettered.</summary>
    public const string KafkaMeterName = "CiAdapter.Kafka";

    public const string ScrapePath = "/metrics";

    /// <summary>The name OpenTelemetry's <c>WithMetrics</c> registers its Microsoft.Extensions.Diagnostics metrics listener under.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>
    /// The app's meters exported in Prometheus text through OpenTelemetry, plus the models-by-status
    /// gauge. Instrument <c>ci_adapter.ci.dispatches</c> is scraped as <c>ci_adapter_ci_dispatches_total</c>,
    /// a histogram in seconds as <c>…_seconds_bucket</c>.
    /// </summary>
    /// <remarks>
    /// Meters are enabled through Microsoft.Extensions.Diagnostics rules with <see cref="MeterScope.Local"/>:
    /// only meters made by this host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> are exported.
    /// OpenTelemetry's own <c>AddMeter</c> listens process-wide by name, so another host in the same
    /// process (tests run several) would merge into these series, and disposing it would end them
    /// (open-telemetry/opentelemetry-dotnet#6412).
    /// </remarks>
    public static IServiceCollection AddCiAdapterMetrics(this IServiceCollection services, CiAdapterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: settings.ServiceId,
                serviceInstanceId: settings.PodName ?? Environment.MachineName,
                autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddView(HistogramBuckets.For)
                .AddPrometheusExporter());
        services.AddMetrics(metrics => metrics
            .EnableMetrics(CiAdapterMetrics.MeterName, instrumentName: null, OpenTelemetryListener, MeterScope.Local)
            .EnableMetrics(KafkaMeterName, instrumentName: null, OpenTelemetryListener, MeterScope.Local));
        services.AddOptions<ModelStatusGaugeOptions>()
            .Validate(o => o.RefreshInterval > TimeSpan.Zero, "the model count refresh interval must be longer than zero")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelCatalog>();
        services.AddSingleton<ModelStatusGauge>();
        services.AddHostedService<ModelStatusGaugeRefresher>();
        return services;
    }

    /// <summary><c>/metrics</c>, open like the health endpoints (SPEC §7).</summary>
    public static IEndpointRouteBuilder MapCiAdapterMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(ScrapePath);
        return endpoints;
    }
}
