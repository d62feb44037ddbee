using System.Security.Cryptography;
using System.Text;
using CiAdapter.Simulators.Faults;
using CiAdapter.Simulators.Recording;
using CiAdapter.Simulators.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiAdapter.Simulators.CodeArts;

/// <summary>
/// An in-memory CodeArts CI speaking the SPEC's contract: <c>POST /dispatch</c> creates a task that
/// runs for a while and then succeeds or fails; <c>GET /task/{task_id}/status</c> reports it.
/// Serve it with <c>MapCodeArtsSimulator</c> or a <see cref="Hosting.SimulatorServer"/>.
/// Every call is recorded for assertions; faults can be injected per route. Thread-safe.
/// </summary>
public sealed class CodeArtsSimulator
{
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumTimerDelay = TimeSpan.FromMilliseconds(1);

    private readonly Lock _lock = new();
    private readonly byte[]? _token;
    private readonly int _maxRecords;
    private readonly Dictionary<string, SimulatedTask> _tasks = new(StringComparer.Ordinal);
    private readonly Queue<string> _taskOrder = new();
    private readonly HashSet<SimulatedTask> _running = [];
    private readonly Dictionary<string, List<SimulatedTask>> _tasksByModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _acceptedByModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dispatchAttemptsByModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pollsByTask = new(StringComparer.Ordinal);
    private readonly BoundedLog<DispatchRecord> _dispatches;
    private readonly BoundedLog<PollRecord> _polls;
    private readonly ChangeFeed _changes = new();
    private TimeSpan _runTime;
    private int? _completeAfterPolls;
    private Func<ModelInfo, bool> _succeeds;
    private int? _maxRunningTasks;

    public CodeArtsSimulator(CodeArtsSimulatorOptions? options = null, ILogger<CodeArtsSimulator>? logger = null)
    {
        options ??= new CodeArtsSimulatorOptions();
        _token = string.IsNullOrEmpty(options.Token) ? null : Encoding.UTF8.GetBytes(options.Token);
        _maxRecords = options.MaxRecords;
        _dispatches = new BoundedLog<DispatchRecord>(options.MaxRecords);
        _polls = new BoundedLog<PollRecord>(options.MaxRecords);
        RunTime = options.RunTime;
        CompleteAfterPolls = options.CompleteAfterPolls;
        _succeeds = options.Succeeds ?? CodeArtsSimulatorOptions.DefaultSucceeds;
        MaxRunningTasks = options.MaxRunningTasks;
        TimeProvider = options.TimeProvider;
        Logger = logger ?? NullLogger<CodeArtsSimulator>.Instance;
        DispatchFaults = new FaultPlan(SimulatorRoutes.Dispatch, _changes.Notify);
        StatusFaults = new FaultPlan(SimulatorRoutes.TaskStatus, _changes.Notify);
    }

    /// <summary>Faults for <c>POST /dispatch</c>.</summary>
    public FaultPlan DispatchFaults { get; }

    /// <summary>Faults for <c>GET /task/{task_id}/status</c>.</summary>
    public FaultPlan StatusFaults { get; }

    public bool RequiresToken => _token is not null;

    /// <summary>The run time of tasks dispatched from now on.</summary>
    public TimeSpan RunTime
    {
        get { lock (_lock) { return _runTime; } }
        set
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A run time cannot be negative.");
            }

            lock (_lock)
            {
                _runTime = value;
            }
        }
    }

    /// <summary>The poll on which tasks dispatched from now on finish; null: time alone decides.</summary>
    public int? CompleteAfterPolls
    {
        get { lock (_lock) { return _completeAfterPolls; } }
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A task finishes on its first poll at the earliest.");
            }

            lock (_lock)
            {
                _completeAfterPolls = value;
            }
        }
    }

    /// <summary>Decides, for each dispatch from now on, whether its task will succeed.</summary>
    public Func<ModelInfo, bool> Succeeds
    {
        get { lock (_lock) { return _succeeds; } }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
            {
                _succeeds = value;
            }
        }
    }

    /// <summary>The cap on running tasks; a dispatch beyond it gets 429. Null: no cap.</summary>
    public int? MaxRunningTasks
    {
        get { lock (_lock) { return _maxRunningTasks; } }
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The cap must let at least one task run.");
            }

            lock (_lock)
            {
                _maxRunningTasks = value;
            }
        }
    }

    /// <summary>Every dispatch call received, oldest first (the newest <c>MaxRecords</c>).</summary>
    public IReadOnlyList<DispatchRecord> Dispatches
    {
        get { lock (_lock) { return _dispatches.Snapshot(); } }
    }

    /// <summary>Every status call received, oldest first (the newest <c>MaxRecords</c>).</summary>
    public IReadOnlyList<PollRecord> Polls
    {
        get { lock (_lock) { return _polls.Snapshot(); } }
    }

    /// <summary>Every task the simulator holds, in dispatch order, with current statuses.</summary>
    public IReadOnlyList<CodeArtsTask> Tasks
    {
        get
        {
            lock (_lock)
            {
                var now = TimeProvider.GetUtcNow();
                return [.. _taskOrder.Select(id => RefreshLocked(_tasks[id], now).Snapshot())];
            }
        }
    }

    /// <summary>How many tasks are running now.</summary>
    public int RunningCount
    {
        get
        {
            lock (_lock)
            {
                return CountRunningLocked(TimeProvider.GetUtcNow());
            }
        }
    }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    /// <summary>How many tasks were created for the model: the CI runs it caused.</summary>
    public int DispatchCount(string modelId)
    {
        lock (_lock)
        {
            return _acceptedByModel.GetValueOrDefault(modelId);
        }
    }

    /// <summary>How many dispatch calls named the model, whatever they were answered.</summary>
    public int DispatchAttemptCount(string modelId)
    {
        lock (_lock)
        {
            return _dispatchAttemptsByModel.GetValueOrDefault(modelId);
        }
    }

    /// <summary>How many status calls named the task, whatever they were answered.</summary>
    public int PollCount(string taskId)
    {
        lock (_lock)
        {
            return _pollsByTask.GetValueOrDefault(taskId);
        }
    }

    public CodeArtsTask? GetTask(string taskId)
    {
        lock (_lock)
        {
            return _tasks.TryGetValue(taskId, out var task) ? RefreshLocked(task, TimeProvider.GetUtcNow()).Snapshot() : null;
        }
    }

    /// <summary>The model's tasks, oldest first (finished ones may have been dropped past <c>MaxRecords</c>).</summary>
    public IReadOnlyList<CodeArtsTask> TasksFor(string modelId)
    {
        lock (_lock)
        {
            var now = TimeProvider.GetUtcNow();
            return _tasksByModel.TryGetValue(modelId, out var tasks)
                ? [.. tasks.Select(t => RefreshLocked(t, now).Snapshot())]
                : [];
        }
    }

    /// <summary>Ends a running task now; false when the task is unknown or already finished.</summary>
    public bool CompleteTask(string taskId, bool succeeded)
    {
        bool completed;
        SimulatedTask? task;
        lock (_lock)
        {
            completed = _tasks.TryGetValue(taskId, out task) && task.Complete(TimeProvider.GetUtcNow(), succeeded);
            if (completed)
            {
                FinishedLocked(task!);
            }
        }

        return completed;
    }

    /// <summary>Forgets every task, record and counter; fault plans are left as they are.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            foreach (var task in _running)
            {
                task.DueTimer?.Dispose();
            }

            _tasks.Clear();
            _taskOrder.Clear();
            _running.Clear();
            _acceptedByModel.Clear();
            _tasksByModel.Clear();
            _dispatchAttemptsByModel.Clear();
            _pollsByTask.Clear();
            _dispatches.Clear();
            _polls.Clear();
        }

        _changes.Notify();
    }

    /// <summary>Waits until <paramref name="count"/> tasks were created for the model; returns the newest accepted dispatch record.</summary>
    public Task<DispatchRecord> WaitForDispatchAsync(
        string modelId,
        int count = 1,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return _changes.WaitAsync(
            () =>
            {
                lock (_lock)
                {
                    if (_acceptedByModel.GetValueOrDefault(modelId) < count)
                    {
                        return (false, null!);
                    }

                    var record = _dispatches.LastOrDefault(r => r.Accepted && r.ModelId == modelId);
                    return (record is not null, record!);
                }
            },
            timeout ?? DefaultWaitTimeout,
            () => $"{count} dispatch(es) of '{modelId}' accepted; saw {DispatchCount(modelId)} of {DispatchAttemptCount(modelId)} call(s).",
            cancellationToken);
    }

    /// <summary>Waits until the task was asked for its status <paramref name="count"/> times; returns the last such record.</summary>
    public Task<PollRecord> WaitForPollAsync(
        string taskId,
        int count = 1,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return _changes.WaitAsync(
            () =>
            {
                lock (_lock)
                {
                    if (_pollsByTask.GetValueOrDefault(taskId) < count)
                    {
                        return (false, null!);
                    }

                    var record = _polls.LastOrDefault(r => r.TaskId == taskId);
                    return (record is not null, record!);
                }
            },
            timeout ?? DefaultWaitTimeout,
            () => $"{count} status call(s) for task '{taskId}'; saw {PollCount(taskId)}.",
            cancellationToken);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking it after every recorded call.</summary>
    public Task WaitUntilAsync(
        Func<CodeArtsSimulator, bool> condition,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return _changes.WaitAsync(
            () => (condition(this), true),
            timeout ?? DefaultWaitTimeout,
            () => $"condition on CodeArts simulator; {Dispatches.Count} dispatch call(s), {Polls.Count} status call(s) recorded.",
            cancellationToken);
    }

    internal bool IsAuthorized(string? authorizationHeader)
    {
        if (_token is null)
        {
            return true;
        }

        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(authorizationHeader[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token);
    }

    /// <summary>Creates a task for the request, or returns null with the running count when the cap is reached.</summary>
    internal CodeArtsTask? TryCreateTask(ModelInfo request, string reportUrlBase, out int running, out int? cap)
    {
        lock (_lock)
        {
            var now = TimeProvider.GetUtcNow();
            running = CountRunningLocked(now);
            cap = _maxRunningTasks;
            if (cap is { } limit && running >= limit)
            {
                return null;
            }

            var succeeds = _succeeds(request);
            var taskId = Guid.NewGuid().ToString("N");
            DateTimeOffset? dueAt = _runTime == Timeout.InfiniteTimeSpan ? null : now + _runTime;
            var task = new SimulatedTask(
                taskId, request, now, dueAt, _completeAfterPolls, succeeds, $"{reportUrlBase}/reports/{taskId}");
            Logger.DispatchAccepted(task.ModelId, taskId, succeeds ? StatusNames.Success : StatusNames.Failed);
            _tasks.Add(taskId, task);
            _taskOrder.Enqueue(taskId);
            _running.Add(task);
            if (dueAt is not null)
            {
                // Ends the task on time even if nobody polls, so waiters and the log see it end.
                task.DueTimer = TimeProvider.CreateTimer(OnTaskDue, task, _runTime, Timeout.InfiniteTimeSpan);
            }

            _acceptedByModel[task.ModelId] = _acceptedByModel.GetValueOrDefault(task.ModelId) + 1;
            if (!_tasksByModel.TryGetValue(task.ModelId, out var modelTasks))
            {
                modelTasks = [];
                _tasksByModel.Add(task.ModelId, modelTasks);
            }

            modelTasks.Add(task);
            var created = task.Snapshot();
            EvictFinishedTasksLocked();
            return created;
        }
    }

    /// <summary>The model of a task the simulator holds, without counting a poll.</summary>
    internal string? ModelIdOf(string taskId)
    {
        lock (_lock)
        {
            return _tasks.TryGetValue(taskId, out var task) ? task.ModelId : null;
        }
    }

    /// <summary>Counts a status call that reached the task and returns its current state; null for an unknown task.</summary>
    internal CodeArtsTask? Poll(string taskId)
    {
        lock (_lock)
        {
            if (!_tasks.TryGetValue(taskId, out var task))
            {
                return null;
            }

            if (task.Poll(TimeProvider.GetUtcNow()))
            {
                FinishedLocked(task);
            }

            return task.Snapshot();
        }
    }

    internal void Record(DispatchRecord record)
    {
        lock (_lock)
        {
            _dispatches.Add(record);
            if (record.ModelId is { } modelId)
            {
                _dispatchAttemptsByModel[modelId] = _dispatchAttemptsByModel.GetValueOrDefault(modelId) + 1;
            }
        }

        _changes.Notify();
    }

    internal void Record(PollRecord record)
    {
        lock (_lock)
        {
            _polls.Add(record);
            _pollsByTask[record.TaskId] = _pollsByTask.GetValueOrDefault(record.TaskId) + 1;
        }

        _changes.Notify();
    }

    private SimulatedTask RefreshLocked(SimulatedTask task, DateTimeOffset now)
    {
        if (task.Refresh(now))
        {
            FinishedLocked(task);
        }

        return task;
    }

    private void FinishedLocked(SimulatedTask task)
    {
        _running.Remove(task);
        task.DueTimer?.Dispose();
        Logger.TaskFinished(task.TaskId, task.ModelId, task.Status);
        _changes.Notify();
    }

    private void OnTaskDue(object? state)
    {
        var task = (SimulatedTask)state!;
        lock (_lock)
        {
            var now = TimeProvider.GetUtcNow();
            if (!task.IsFinished && !RefreshLocked(task, now).IsFinished && task.DueAt is { } due)
            {
                // Timers may fire a little before the clock says the time is up; look again then.
                var remaining = due - now;
                task.DueTimer?.Change(remaining > MinimumTimerDelay ? remaining : MinimumTimerDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private int CountRunningLocked(DateTimeOffset now)
    {
        foreach (var task in _running.ToArray())
        {
            RefreshLocked(task, now);
        }

        return _running.Count;
    }

    /// <summary>Drops the oldest finished tasks beyond <c>MaxRecords</c>; running tasks are never dropped.</summary>
    private void EvictFinishedTasksLocked()
    {
        var now = TimeProvider.GetUtcNow();
        while (_tasks.Count > _maxRecords && RefreshLocked(_tasks[_taskOrder.Peek()], now).IsFinished)
        {
            var task = _tasks[_taskOrder.Dequeue()];
            _tasks.Remove(task.TaskId);
            var modelTasks = _tasksByModel[task.ModelId];
            modelTasks.Remove(task);
            if (modelTasks.Count == 0)
            {
                _tasksByModel.Remove(task.ModelId);
            }
        }
    }
}
