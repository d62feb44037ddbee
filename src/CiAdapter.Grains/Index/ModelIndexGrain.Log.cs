using Microsoft.Extensions.Logging;

namespace CiAdapter.Index;

internal sealed partial class ModelIndexGrain
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Index shard {Shard}: pushed all {Count} statuses to the backend")]
    private static partial void LogFullSync(ILogger logger, long shard, int count);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Index shard {Shard}: full push of {Count} statuses failed ({Reason}); next in {RetryIn}")]
    private static partial void LogFullSyncFailed(ILogger logger, long shard, int count, string reason, TimeSpan retryIn);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Index shard {Shard}: pushing {Count} changed statuses failed ({Reason}); retry in {RetryIn}")]
    private static partial void LogPromptPushFailed(ILogger logger, long shard, int count, string reason, TimeSpan retryIn);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Index shard {Shard}: writing the index failed; the reporting grains will retry")]
    private static partial void LogWriteFailed(ILogger logger, long shard, Exception exception);
}
