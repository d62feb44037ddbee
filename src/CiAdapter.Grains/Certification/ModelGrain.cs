using CiAdapter.CodeArts;
using CiAdapter.Diagnostics;
using CiAdapter.Grains;
using CiAdapter.Hosting;
using CiAdapter.Http;
using CiAdapter.Index;
using CiAdapter.Models;
using CiAdapter.Scheduling;
using CiAdapter.Streams;
using CiAdapter.Threading;
using CiAdapter.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace CiAdapter.Certification;

/// <summary>
/// One model's certification (SPEC §5). Events arrive through the model's stream (or
/// <see cref="ApplyAsync"/>); CI work runs on an interleaving grain timer so that a slow CodeArts
/// never holds up the model's events, and every result is checked against the round it was started
/// for before it is applied. A reminder brings the grain back after a deactivation or a crash while
/// there is work left; a model with nothing to do holds neither.
/// </summary>
[ImplicitStreamSubscription(ModelStreams.Namespace)]
[GrainType("model")] // part of storage keys and reminder ids: never change it
internal sealed partial class ModelGrain(
    [PersistentState("model-v1", StorageNames.Models)] IPersistentState<ModelState> persistent,
    ICodeArtsClient codeArts,
    IOptions<IntervalOptions> scheduling,
    TimeProvider clock,
    CiAdapterMetrics metrics,
    ILogger<ModelGrain> logger)
    : Grain, IModelGrain, IRemindable, IStreamSubscriptionObserver, IAsyncObserver<ModelEvent>, IDisposable
{
    private const string ReminderName = "certification";
    private const int RememberedEventIds = 64;

    private readonly IntervalOptions _scheduling = scheduling.Value;
    private readonly SerialQueue _commits = new();

    // Cancels CI calls only when the activation goes away; a replaced timer must not cancel a call
    // already in flight, whose result is checked against the current round instead.
    private readonly CancellationTokenSource _lifetime = new();
    private IGrainTimer? _timer;
    private TimeSpan _timerPeriod;
    private TimeSpan? _reminderPeriod;
    private bool _working;
    private bool _tickRequested;
    private bool _indexInSync;
    private bool _indexReportInFlight;

    private ModelState State => persistent.State;

    /// <summary>The backstop's period: the shorter work period, but never below the reminder floor.</summary>
    private TimeSpan ReminderPeriod
    {
        get
        {
            var shortest = _scheduling.CheckPendingInterval < _scheduling.QueryCiStatusInterval
                ? _scheduling.CheckPendingInterval
                : _scheduling.QueryCiStatusInterval;
            return shortest < _scheduling.ReminderPeriodFloor ? _scheduling.ReminderPeriodFloor : shortest;
        }
    }

    private string ModelId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!persistent.RecordExists)
        {
            _indexInSync = true;
            return;
        }

        // The last change may not have reached the index (a crash in between): report it again.
        ReportToIndex();
        await RescheduleAsync(immediately: true);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _lifetime.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose() => _lifetime.Dispose();

    public async Task<ApplyOutcome> ApplyAsync(ModelEvent modelEvent)
    {
        ArgumentNullException.ThrowIfNull(modelEvent);
        if (!string.Equals(modelEvent.ModelId, ModelId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Event {modelEvent.EventId} is for model '{modelEvent.ModelId}', not '{ModelId}'.", nameof(modelEvent));
        }

        var type = modelEvent.Type == ModelEventType.Initiate ? "initiate" : "delete";
        if (State.RecentEventIds.Contains(modelEvent.EventId))
        {
            LogDuplicateEvent(logger, ModelId, modelEvent.EventId);
            metrics.EventApplied(type, "duplicate");
            return ApplyOutcome.Duplicate;
        }

        if (modelEvent.Type == ModelEventType.Delete && !State.Exists)
        {
            LogDeleteOfUnknownModel(logger, ModelId, modelEvent.EventId);
            metrics.EventApplied(type, "ignored");
            return ApplyOutcome.Ignored;
        }

        Remember(modelEvent);
        if (modelEvent.Type == ModelEventType.Initiate)
        {
            StartRound(modelEvent);
        }
        else
        {
            Forget(modelEvent);
        }

        await CommitAsync(immediately: modelEvent.Type == ModelEventType.Initiate);
        metrics.EventApplied(type, "applied");
        return ApplyOutcome.Applied;
    }

    public Task<ModelSnapshot?> GetAsync() => Task.FromResult(State.Exists ? Snapshot() : null);

    public async Task<RestoreOutcome> RestoreAsync(ModelSnapshot fromBackend)
    {
        ArgumentNullException.ThrowIfNull(fromBackend);
        if (persistent.RecordExists && !IsOlderThan(fromBackend))
        {
            return RestoreOutcome.Kept;
        }

        State.Exists = true;
        State.GroupName = fromBackend.GroupName;
        State.ModelName = fromBackend.ModelName;
        State.ModelUrl = fromBackend.ModelUrl;
        State.Status = fromBackend.Status;
        State.Version = fromBackend.Version;
        State.CiTask = fromBackend.CiTask;
        State.DispatchedAt = null;
        if (State.Status == ModelStatus.Running && State.CiTask is null)
        {
            // Nothing to poll: the round can only go on by dispatching it.
            LogRunningWithoutTask(logger, ModelId);
            State.Status = ModelStatus.Pending;
        }

        Touch();
        State.LastUpdated = fromBackend.LastUpdated;
        LogRestored(logger, ModelId, State.Status, State.Version);
        await CommitAsync(immediately: true);
        return RestoreOutcome.Adopted;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        // Activation already scheduled the work; this only makes sure a live grain still has its timer.
        _commits.RunAsync(() => RescheduleAsync(immediately: false));

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<ModelEvent>().ResumeAsync(this);

    public Task OnNextAsync(ModelEvent item, StreamSequenceToken? token = null) => ApplyAsync(item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, ModelId, ex);
        return Task.CompletedTask;
    }

    private bool IsOlderThan(ModelSnapshot other) =>
        State.Version < other.Version || (State.Version == other.Version && State.LastUpdated < other.LastUpdated);

    private void Remember(ModelEvent modelEvent)
    {
        var ids = State.RecentEventIds;
        ids.Add(modelEvent.EventId);
        if (ids.Count > RememberedEventIds)
        {
            ids.RemoveRange(0, ids.Count - RememberedEventIds);
        }

        State.LastPosition = modelEvent.Position ?? State.LastPosition;
    }

    private void StartRound(ModelEvent modelEvent)
    {
        if (State.Exists && State.Status == ModelStatus.Running && State.CiTask is { } superseded)
        {
            LogSuperseded(logger, ModelId, superseded.TaskId, modelEvent.EventId);
        }

        var (group, name) = ModelInfoMapping.SplitModelId(ModelId);
        State.Exists = true;
        State.GroupName = string.IsNullOrEmpty(modelEvent.GroupName) ? group : modelEvent.GroupName;
        State.ModelName = string.IsNullOrEmpty(modelEvent.ModelName) ? name : modelEvent.ModelName;
        State.ModelUrl = modelEvent.ModelUrl ?? State.ModelUrl;
        State.Status = ModelStatus.Pending;
        State.Version++;
        State.CiTask = null;
        State.DispatchedAt = null;
        Touch();
        LogRoundStarted(logger, ModelId, State.Version, modelEvent.EventId);
    }

    private void Forget(ModelEvent modelEvent)
    {
        State.Exists = false;
        State.CiTask = null;
        State.DispatchedAt = null;
        State.ModelUrl = null;
        Touch();
        LogForgotten(logger, ModelId, modelEvent.EventId);
    }

    private void Touch()
    {
        var now = clock.GetUtcNow();
        State.LastUpdated = now;
        State.Revision = Math.Max(State.Revision + 1, now.UtcTicks);
    }

    private ModelSnapshot Snapshot() => new()
    {
        ModelId = ModelId,
        GroupName = State.GroupName,
        ModelName = State.ModelName,
        ModelUrl = State.ModelUrl,
        Status = State.Status,
        Version = State.Version,
        LastUpdated = State.LastUpdated,
        CiTask = State.CiTask,
    };

    /// <summary>Makes the current state durable, reports it to the index and adjusts the schedule, in that order.</summary>
    private Task CommitAsync(bool immediately) => _commits.RunAsync(async () =>
    {
        try
        {
            await persistent.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Memory now differs from storage: drop this activation so the next call reloads.
            LogWriteFailed(logger, ModelId, ex);
            DeactivateOnIdle();
            throw;
        }

        ReportToIndex();
        await RescheduleAsync(immediately);
    });

    /// <summary>
    /// Tells the model's index shard about the current state without holding up the caller: the
    /// grain's own state is already durable, and until the shard has made the report durable too,
    /// the grain keeps a reminder (see <see cref="WorkPeriod"/>) so that a crash cannot lose it.
    /// </summary>
    private void ReportToIndex()
    {
        _indexInSync = false;
        if (!_indexReportInFlight)
        {
            _indexReportInFlight = true;
            _ = ReportToIndexAsync();
        }
    }

    private async Task ReportToIndexAsync()
    {
        var shard = GrainFactory.GetGrain<IModelIndexGrain>(ModelIndexShards.Of(ModelId));
        try
        {
            // A change made while a report is in flight is sent by the next pass of the loop.
            long reported;
            do
            {
                reported = State.Revision;
                if (State.Exists)
                {
                    await shard.UpsertAsync(new ModelIndexEntry(ModelId, State.Status, State.Version, State.LastUpdated, reported));
                }
                else
                {
                    await shard.RemoveAsync(ModelId, reported);
                }
            }
            while (reported != State.Revision);

            _indexInSync = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The timer retries the report (WorkPeriod keeps one while the index is behind).
            LogIndexFailed(logger, ModelId, ex);
        }
        finally
        {
            _indexReportInFlight = false;
        }

        if (_indexInSync && WorkPeriod() is null)
        {
            try
            {
                // Nothing left to do: drop the reminder kept for the report.
                await _commits.RunAsync(() => RescheduleAsync(immediately: false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nobody awaits this report: the reminder, still registered, brings the grain back to retry.
                LogTickFailed(logger, ModelId, ex);
            }
        }
    }

    private TimeSpan? WorkPeriod() => State switch
    {
        { Exists: true, Status: ModelStatus.Pending } => _scheduling.CheckPendingInterval,
        { Exists: true, Status: ModelStatus.Running } => _scheduling.QueryCiStatusInterval,
        _ when !_indexInSync => _scheduling.PromptPushDelay,
        _ => null,
    };

    private async Task RescheduleAsync(bool immediately)
    {
        if (WorkPeriod() is not { } period)
        {
            _timer?.Dispose();
            _timer = null;
            await RemoveReminderAsync();
            return;
        }

        if (_timer is null || _timerPeriod != period)
        {
            _timer?.Dispose();
            _timerPeriod = period;
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(immediately ? TimeSpan.Zero : period, period)
            {
                Interleave = true,
                // Short periods keep the grain in memory; long ones let it go and rely on the reminder.
                KeepAlive = period < _scheduling.ReminderPeriodFloor,
            });
        }
        else if (immediately)
        {
            _timer.Change(TimeSpan.Zero, period);
        }

        // One period for all work (dispatch, poll, index report): a round registers its reminder once.
        if (_reminderPeriod != ReminderPeriod)
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            _reminderPeriod = ReminderPeriod;
        }
    }

    private async Task RemoveReminderAsync()
    {
        if (_reminderPeriod == TimeSpan.Zero)
        {
            return;
        }

        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderPeriod = TimeSpan.Zero;
    }

    private async Task TickAsync()
    {
        if (_working)
        {
            // A change asked for work while a CI call is in flight: run again once it returns.
            _tickRequested = true;
            return;
        }

        _working = true;
        try
        {
            do
            {
                _tickRequested = false;
                await WorkAsync(_lifetime.Token);
            }
            while (_tickRequested && !_lifetime.IsCancellationRequested);

            await _commits.RunAsync(() => RescheduleAsync(immediately: false));
        }
        finally
        {
            _working = false;
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!_indexInSync)
            {
                ReportToIndex();
            }

            if (State is { Exists: true, Status: ModelStatus.Pending })
            {
                await DispatchAsync(cancellationToken);
            }
            else if (State is { Exists: true, Status: ModelStatus.Running })
            {
                await PollAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The grain is deactivating; the reminder brings the work back.
        }
        catch (Exception ex)
        {
            LogTickFailed(logger, ModelId, ex);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var round = State.Version;
        CiTask task;
        try
        {
            task = await codeArts.DispatchAsync(Snapshot(), cancellationToken);
        }
        catch (ExternalServiceException ex)
        {
            metrics.Dispatch("failed");
            LogDispatchFailed(logger, ModelId, round, ex.Reason, _scheduling.CheckPendingInterval);
            return;
        }

        if (State is not { Exists: true, Status: ModelStatus.Pending } || State.Version != round)
        {
            metrics.Dispatch("superseded");
            LogDispatchSuperseded(logger, ModelId, round, task.TaskId);
            return;
        }

        State.Status = ModelStatus.Running;
        State.CiTask = task;
        State.DispatchedAt = clock.GetUtcNow();
        Touch();
        metrics.Dispatch("ok");
        LogDispatched(logger, ModelId, round, task.TaskId);
        await CommitAsync(immediately: false);
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var round = State.Version;
        var taskId = State.CiTask!.TaskId;
        CiTask result;
        try
        {
            result = await codeArts.GetStatusAsync(taskId, cancellationToken);
        }
        catch (ExternalServiceException ex)
        {
            metrics.Poll("error");
            LogPollFailed(logger, ModelId, taskId, ex.Reason, _scheduling.QueryCiStatusInterval);
            return;
        }

        if (State is not { Exists: true, Status: ModelStatus.Running } || State.Version != round || State.CiTask?.TaskId != taskId)
        {
            metrics.Poll("superseded");
            LogPollSuperseded(logger, ModelId, taskId);
            return;
        }

        ModelStatus finished;
        switch (result.Status?.Trim().ToLowerInvariant())
        {
            case ModelStatusNames.Success:
                finished = ModelStatus.Success;
                break;
            case ModelStatusNames.Failed:
                finished = ModelStatus.Failed;
                break;
            case ModelStatusNames.Running:
                metrics.Poll("running");
                return;
            default:
                metrics.Poll("unknown");
                LogUnknownCiStatus(logger, ModelId, taskId, result.Status);
                return;
        }

        var ranFor = State.DispatchedAt is { } dispatchedAt ? clock.GetUtcNow() - dispatchedAt : (TimeSpan?)null;
        State.Status = finished;
        State.CiTask = result with { TaskId = taskId };
        Touch();
        metrics.Poll(finished.ToWire());
        if (ranFor is { } elapsed)
        {
            metrics.CiRunFinished(finished.ToWire(), elapsed);
        }

        LogFinished(logger, ModelId, round, taskId, finished, result.ReportUrl);
        await CommitAsync(immediately: false);
    }
}
