using System.Diagnostics;
using CiAdapter.Backend;
using CiAdapter.Diagnostics;
using CiAdapter.Grains;
using CiAdapter.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CiAdapter.Restore;

/// <summary>
/// Rebuilds the service's view from the backend before any event is consumed (SPEC §6): each model
/// the backend knows is offered to its grain, which keeps its own state when that is as new or newer.
/// Safe to run on every silo start: restoring the same state twice changes nothing.
/// </summary>
public sealed partial class StartupRestorer(
    IBackendClient backend,
    IGrainFactory grains,
    IOptions<RestoreOptions> options,
    CiAdapterMetrics metrics,
    TimeProvider clock,
    ILogger<StartupRestorer> logger)
{
    private readonly RestoreOptions _options = options.Value;

    /// <exception cref="RestoreFailedException">The backend stayed unreachable, or grains could not take their state, for longer than the timeout.</exception>
    public async Task<RestoreSummary> RestoreAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var pipeline = BuildPipeline();
        var state = await ReadBackendAsync(pipeline, cancellationToken).ConfigureAwait(false);
        foreach (var (modelId, problem) in state.Rejected)
        {
            metrics.ModelRestored("invalid");
            LogRejected(logger, modelId, problem);
        }

        var adopted = 0;
        var kept = 0;
        try
        {
            await Parallel.ForEachAsync(
                state.Models,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(_options.Parallelism, 1), CancellationToken = cancellationToken },
                async (model, ct) =>
                {
                    var outcome = await pipeline.ExecuteAsync(
                        static async (args, _) => await args.grains.GetGrain<IModelGrain>(args.model.ModelId).RestoreAsync(args.model).ConfigureAwait(false),
                        (grains, model),
                        ct).ConfigureAwait(false);
                    metrics.ModelRestored(outcome == RestoreOutcome.Adopted ? "adopted" : "kept");
                    if (outcome == RestoreOutcome.Adopted)
                    {
                        Interlocked.Increment(ref adopted);
                    }
                    else
                    {
                        Interlocked.Increment(ref kept);
                    }
                }).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RestoreFailedException($"Restoring model grains did not succeed within {_options.Timeout} (RESTORE_TIMEOUT): {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.RestoreFinished(elapsed);
        var summary = new RestoreSummary(adopted, kept, state.Rejected.Count, elapsed);
        LogRestored(logger, summary.Total, summary.Adopted, summary.Kept, summary.Rejected, elapsed);
        return summary;
    }

    private async Task<BackendModelState> ReadBackendAsync(ResiliencePipeline pipeline, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(
                static async (client, ct) => await client.GetModelStateAsync(ct).ConfigureAwait(false),
                backend,
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RestoreFailedException(
                $"The backend's model state could not be read within {_options.Timeout} (RESTORE_TIMEOUT); check BACKEND_BASE_URL and the backend's health.", ex);
        }
    }

    /// <summary>Retries with exponential backoff until the overall timeout; every failure is logged.</summary>
    private ResiliencePipeline BuildPipeline() => new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddTimeout(_options.Timeout)
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryDelay,
            MaxDelay = _options.MaxRetryDelay,
            ShouldHandle = new PredicateBuilder().Handle<ExternalServiceException>().Handle<OrleansException>().Handle<TimeoutException>(),
            OnRetry = args =>
            {
                LogRetrying(logger, args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? "unknown error", args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Restore: {Total} models from the backend ({Adopted} adopted, {Kept} kept newer grain state, {Rejected} unreadable) in {Elapsed}")]
    private static partial void LogRestored(ILogger logger, int total, int adopted, int kept, int rejected, TimeSpan elapsed);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Restore: attempt {Attempt} failed ({Reason}); retrying in {RetryIn}")]
    private static partial void LogRetrying(ILogger logger, int attempt, string reason, TimeSpan retryIn);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Restore: backend entry for model {ModelId} skipped: {Problem}")]
    private static partial void LogRejected(ILogger logger, string modelId, string problem);
}
