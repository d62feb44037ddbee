using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.CodeArts;

/// <summary>Log messages of the CodeArts simulator (event ids 9100–9119).</summary>
internal static partial class CodeArtsLog
{
    [LoggerMessage(9100, LogLevel.Information, "Simulated CodeArts accepted the dispatch of {ModelId} as task {TaskId}; it will end {Outcome}")]
    public static partial void DispatchAccepted(this ILogger logger, string modelId, string taskId, string outcome);

    [LoggerMessage(9101, LogLevel.Information, "Simulated CodeArts task {TaskId} of {ModelId} ended {Status}")]
    public static partial void TaskFinished(this ILogger logger, string taskId, string modelId, string status);

    [LoggerMessage(9102, LogLevel.Warning, "Simulated CodeArts refused a {Route} call: no bearer token or not the configured one")]
    public static partial void Unauthorized(this ILogger logger, string route);

    [LoggerMessage(9103, LogLevel.Warning, "Simulated CodeArts refused a dispatch with {StatusCode}: {Reason}")]
    public static partial void DispatchRejected(this ILogger logger, int statusCode, string reason);

    [LoggerMessage(9104, LogLevel.Information, "Simulated CodeArts refused the dispatch of {ModelId}: {Running} tasks already run (cap {Cap})")]
    public static partial void AtCapacity(this ILogger logger, string modelId, int running, int cap);

    [LoggerMessage(9105, LogLevel.Information, "Simulated CodeArts was asked for unknown task {TaskId}")]
    public static partial void UnknownTask(this ILogger logger, string taskId);

    [LoggerMessage(9106, LogLevel.Debug, "Simulated CodeArts task {TaskId} polled: {Status}")]
    public static partial void Polled(this ILogger logger, string taskId, string status);
}
