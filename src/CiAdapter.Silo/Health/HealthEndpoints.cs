using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CiAdapter.Silo.Health;

internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddCiAdapterHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("startup", tags: [ReadyTag]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: restored and consuming (SPEC §7). Both open.</summary>
    public static IEndpointRouteBuilder MapCiAdapterHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
