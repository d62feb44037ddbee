using CiAdapter.Silo.Startup;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CiAdapter.Silo.Health;

/// <summary>Ready when the silo is an active cluster member, the restore is done and events are being consumed.</summary>
internal sealed class ReadinessHealthCheck(ReadinessState readiness, ISiloStatusOracle siloStatus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var silo = siloStatus.CurrentStatus;
        var data = new Dictionary<string, object>
        {
            ["silo"] = silo.ToString(),
            ["startup"] = readiness.Describe(),
        };
        if (readiness.Restore is { } restore)
        {
            data["restoredModels"] = restore.Total;
        }

        var result = silo == SiloStatus.Active && readiness.IsReady
            ? HealthCheckResult.Healthy("ready", data)
            : HealthCheckResult.Unhealthy(silo == SiloStatus.Active ? readiness.Describe() : $"silo is {silo}", data: data);
        return Task.FromResult(result);
    }
}
