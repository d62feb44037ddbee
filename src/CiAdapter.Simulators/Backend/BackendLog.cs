using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Backend;

/// <summary>Log messages of the community backend simulator (event ids 9120–9139).</summary>
internal static partial class BackendLog
{
    [LoggerMessage(9120, LogLevel.Debug, "Simulated backend took in {Count} status(es)")]
    public static partial void StatusesApplied(this ILogger logger, int count);

    [LoggerMessage(9121, LogLevel.Information, "Simulated backend served the state of {Count} model(s)")]
    public static partial void ModelStateServed(this ILogger logger, int count);

    [LoggerMessage(9122, LogLevel.Warning, "Simulated backend refused a status update with {StatusCode}: {Reason}")]
    public static partial void UpdateRejected(this ILogger logger, int statusCode, string reason);

    [LoggerMessage(9123, LogLevel.Information, "Simulated backend learned model {ModelId} from a status update")]
    public static partial void ModelAdded(this ILogger logger, string modelId);
}
