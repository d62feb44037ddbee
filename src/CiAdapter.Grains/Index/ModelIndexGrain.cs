using CiAdapter.Backend;
using CiAdapter.Diagnostics;
using CiAdapter.Hosting;
using CiAdapter.Http;
using CiAdapter.Models;
using CiAdapter.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CiAdapter.Index;

/// <summary>
/// One shard of the model index. Model grains report every change here; the shard makes it durable
/// with group commit (all reports that arrive during a write share the next write), pushes changed
/// statuses to the backend within about a second in batches, and pushes all of its statuses every
/// SYNC_BACKEND_INTERVAL. Reentrant: its state is only touched between awaits, on the grain's scheduler.
/// </summary>
[Reentrant]
[GrainType("model-index")] // part of storage keys and reminder ids: never change it
internal sealed partial class ModelIndexGrain(
    [PersistentState("model-index-v1", StorageNames.Models)] IPersistentState<ModelIndexState> persistent,
    IBackendClient backend,
    IOptions<IntervalOptions> scheduling,
    TimeProvider clock,
    CiAdapterMetrics metrics,
    ILogger<ModelIndexGrain> logger)
    : Grain, IModelIndexGrain, IRemindable
{
    private const string ReminderName = "full-sync";
    private static readonly TimeSpan RemovedRetention = TimeSpan.FromDays(1);

    private readonly IntervalOptions _scheduling = scheduling.Value;

    // Changed statuses not yet accepted by the backend: model id → revision that changed it.
    private readonly Dictionary<string, long> _unpushed = new(StringComparer.Ordinal);
    private Task? _nextWrite;
    private Task _lastWrite = Task.CompletedTask;
    private DateTimeOffset _lastWriteStarted = DateTimeOffset.MinValue;
    private bool _pushing;
    private int _pushFailures;
    private DateTimeOffset _nextPushAt;
    private bool _syncing;
    private long _shard;

    private ModelIndexState State => persistent.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shard = this.GetPrimaryKeyLong();
        this.RegisterGrainTimer(PushChangesAsync, new GrainTimerCreationOptions(_scheduling.PromptPushDelay, _scheduling.PromptPushDelay)
        {
            KeepAlive = true,
        });
        this.RegisterGrainTimer(FullSyncAsync, new GrainTimerCreationOptions(_scheduling.SyncBackendInterval, _scheduling.SyncBackendInterval)
        {
            KeepAlive = true,
        });

        // The reminder only brings the shard back (and with it the timers) after a silo is lost.
        var reminderPeriod = _scheduling.SyncBackendInterval < _scheduling.ReminderPeriodFloor
            ? _scheduling.ReminderPeriodFloor
            : _scheduling.SyncBackendInterval;
        await this.RegisterOrUpdateReminder(ReminderName, reminderPeriod, reminderPeriod, cancellationToken);
    }

    public Task UpsertAsync(ModelIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (State.Knows(entry.ModelId, entry.Revision))
        {
            return _nextWrite ?? _lastWrite;
        }

        var statusChanged = !State.Models.TryGetValue(entry.ModelId, out var previous) || previous.Status != entry.Status;
        State.Removed.Remove(entry.ModelId);
        State.Models[entry.ModelId] = entry;
        if (statusChanged)
        {
            _unpushed[entry.ModelId] = entry.Revision;
        }

        return WriteSoon();
    }

    public Task RemoveAsync(string modelId, long revision)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (State.Knows(modelId, revision))
        {
            return _nextWrite ?? _lastWrite;
        }

        State.Models.Remove(modelId);
        State.Removed[modelId] = new RemovedModel(revision, clock.GetUtcNow());
        _unpushed.Remove(modelId);
        return WriteSoon();
    }

    public Task<ModelIndexPage> QueryAsync(ModelIndexQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Max(query.Limit, 0);
        var matches = State.Models.Values
            .Where(e => query.Status is null || e.Status == query.Status)
            .Where(e => query.After is null || string.CompareOrdinal(e.ModelId, query.After) > 0)
            .OrderBy(e => e.ModelId, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var hasMore = matches.Count > limit;
        if (hasMore)
        {
            matches.RemoveAt(limit);
        }

        return Task.FromResult(new ModelIndexPage(matches, hasMore));
    }

    public Task<IReadOnlyDictionary<ModelStatus, int>> CountAsync() =>
        Task.FromResult<IReadOnlyDictionary<ModelStatus, int>>(State.CountByStatus());

    public Task<int> PushAllAsync() => PushAllCoreAsync(throwOnFailure: true);

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <summary>Joins the write that has not started yet, or starts one after the current write.</summary>
    private Task WriteSoon() => _nextWrite ??= WriteNextAsync();

    private async Task WriteNextAsync()
    {
        await _lastWrite.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

        // Let the reports already queued for this shard, and those arriving in the meantime, join this write.
        var wait = _lastWriteStarted + _scheduling.IndexWriteInterval - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock);
        }
        else
        {
            await Task.Yield();
        }

        _nextWrite = null;
        _lastWriteStarted = clock.GetUtcNow();
        var write = persistent.WriteStateAsync();
        _lastWrite = write;
        try
        {
            await write;
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, _shard, ex);
            throw;
        }
    }

    private async Task PushChangesAsync()
    {
        if (_pushing || _unpushed.Count == 0 || clock.GetUtcNow() < _nextPushAt)
        {
            return;
        }

        _pushing = true;
        var batch = _unpushed.ToList();
        try
        {
            var reports = batch
                .Where(b => State.Models.ContainsKey(b.Key))
                .Select(b => new ModelStatusReport(b.Key, State.Models[b.Key].Status))
                .ToList();
            await backend.PushStatusesAsync(reports, CancellationToken.None);
            ForgetPushed(batch.Select(b => (b.Key, b.Value)));

            _pushFailures = 0;
            _nextPushAt = DateTimeOffset.MinValue;
            metrics.BackendPush("prompt", "ok", reports.Count);
        }
        catch (ExternalServiceException ex)
        {
            _pushFailures++;
            var backoff = TimeSpan.FromTicks(Math.Min(
                _scheduling.PromptPushDelay.Ticks * (1L << Math.Min(_pushFailures, 16)),
                _scheduling.PromptPushMaxBackoff.Ticks));
            _nextPushAt = clock.GetUtcNow() + backoff;
            metrics.BackendPush("prompt", "failed", 0);
            LogPromptPushFailed(logger, _shard, batch.Count, ex.Reason, backoff);
        }
        finally
        {
            _pushing = false;
        }
    }

    private Task FullSyncAsync() => PushAllCoreAsync(throwOnFailure: false);

    private async Task<int> PushAllCoreAsync(bool throwOnFailure)
    {
        if (_syncing && !throwOnFailure)
        {
            return 0;
        }

        _syncing = true;
        PruneRemoved();
        var reports = State.Models.Values.Select(e => (Report: new ModelStatusReport(e.ModelId, e.Status), e.Revision)).ToList();
        try
        {
            await backend.PushStatusesAsync([.. reports.Select(r => r.Report)], CancellationToken.None);
            ForgetPushed(reports.Select(r => (r.Report.ModelId, r.Revision)));

            metrics.BackendPush("full", "ok", reports.Count);
            LogFullSync(logger, _shard, reports.Count);
            return reports.Count;
        }
        catch (ExternalServiceException ex) when (!throwOnFailure)
        {
            metrics.BackendPush("full", "failed", 0);
            LogFullSyncFailed(logger, _shard, reports.Count, ex.Reason, _scheduling.SyncBackendInterval);
            return 0;
        }
        finally
        {
            _syncing = false;
        }
    }

    /// <summary>Drops changes the backend now has; a model that changed again during the push stays for the next one.</summary>
    private void ForgetPushed(IEnumerable<(string ModelId, long Revision)> pushed)
    {
        foreach (var (modelId, revision) in pushed)
        {
            if (_unpushed.TryGetValue(modelId, out var changedAt) && changedAt <= revision)
            {
                _unpushed.Remove(modelId);
            }
        }
    }

    private void PruneRemoved()
    {
        var cutoff = clock.GetUtcNow() - RemovedRetention;
        foreach (var (modelId, removed) in State.Removed.Where(r => r.Value.RemovedAt < cutoff).ToList())
        {
            State.Removed.Remove(modelId);
        }
    }
}
