using CiAdapter.Models;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Certification;

internal sealed partial class ModelGrain
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Model {ModelId}: round {Version} started by event {EventId}; pending dispatch")]
    private static partial void LogRoundStarted(ILogger logger, string modelId, int version, string eventId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Model {ModelId}: forgotten by event {EventId}; no more dispatches, polls or reports")]
    private static partial void LogForgotten(ILogger logger, string modelId, string eventId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Model {ModelId}: event {EventId} was applied before; ignored")]
    private static partial void LogDuplicateEvent(ILogger logger, string modelId, string eventId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Model {ModelId}: delete event {EventId} for a model the service does not know; nothing to do")]
    private static partial void LogDeleteOfUnknownModel(ILogger logger, string modelId, string eventId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Model {ModelId}: event {EventId} starts a new round; the result of CI task {TaskId} will be ignored")]
    private static partial void LogSuperseded(ILogger logger, string modelId, string taskId, string eventId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Model {ModelId}: round {Version} dispatched as CI task {TaskId}; running")]
    private static partial void LogDispatched(ILogger logger, string modelId, int version, string taskId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Model {ModelId}: dispatch of round {Version} failed ({Reason}); still pending, next attempt in {RetryIn}")]
    private static partial void LogDispatchFailed(ILogger logger, string modelId, int version, string reason, TimeSpan retryIn);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Model {ModelId}: CI task {TaskId} for round {Version} was created after the model changed; its result will be ignored")]
    private static partial void LogDispatchSuperseded(ILogger logger, string modelId, int version, string taskId);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Model {ModelId}: round {Version} CI task {TaskId} finished: {Status} (report {ReportUrl})")]
    private static partial void LogFinished(ILogger logger, string modelId, int version, string taskId, ModelStatus status, string? reportUrl);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Model {ModelId}: polling CI task {TaskId} failed ({Reason}); next poll in {RetryIn}")]
    private static partial void LogPollFailed(ILogger logger, string modelId, string taskId, string reason, TimeSpan retryIn);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Debug, Message = "Model {ModelId}: result of CI task {TaskId} arrived after the model changed; ignored")]
    private static partial void LogPollSuperseded(ILogger logger, string modelId, string taskId);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Warning, Message = "Model {ModelId}: CI task {TaskId} reported unknown status '{CiStatus}'; treated as still running")]
    private static partial void LogUnknownCiStatus(ILogger logger, string modelId, string taskId, string? ciStatus);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Model {ModelId}: restored from the backend as {Status}, round {Version}")]
    private static partial void LogRestored(ILogger logger, string modelId, ModelStatus status, int version);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Model {ModelId}: the backend says running but gives no CI task id; dispatching the round instead")]
    private static partial void LogRunningWithoutTask(ILogger logger, string modelId);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Error, Message = "Model {ModelId}: writing state failed; the change is not durable and the grain will reload")]
    private static partial void LogWriteFailed(ILogger logger, string modelId, Exception exception);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Warning, Message = "Model {ModelId}: reporting to the model index failed; will retry")]
    private static partial void LogIndexFailed(ILogger logger, string modelId, Exception exception);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Error, Message = "Model {ModelId}: scheduled work failed unexpectedly; will retry next period")]
    private static partial void LogTickFailed(ILogger logger, string modelId, Exception exception);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Warning, Message = "Model {ModelId}: the event stream reported an error")]
    private static partial void LogStreamError(ILogger logger, string modelId, Exception exception);
}
