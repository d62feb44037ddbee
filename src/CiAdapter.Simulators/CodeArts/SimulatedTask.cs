using CiAdapter.Simulators.Wire;

namespace CiAdapter.Simulators.CodeArts;

/// <summary>A task's mutable state; guarded by its simulator's lock.</summary>
internal sealed class SimulatedTask(
    string taskId,
    ModelInfo request,
    DateTimeOffset dispatchedAt,
    DateTimeOffset? dueAt,
    int? completeAfterPolls,
    bool succeeds,
    string reportUrl)
{
    private bool _succeeds = succeeds;

    public string TaskId { get; } = taskId;

    public string ModelId { get; } = request.ModelId ?? "";

    public ModelInfo Request { get; } = request;

    public DateTimeOffset DispatchedAt { get; } = dispatchedAt;

    /// <summary>When the run time is up; null when only polls or a test end the task.</summary>
    public DateTimeOffset? DueAt { get; } = dueAt;

    public string ReportUrl { get; } = reportUrl;

    public DateTimeOffset? FinishedAt { get; private set; }

    public int PollCount { get; private set; }

    public bool IsFinished => FinishedAt is not null;

    /// <summary>Fires when the run time is up; disposed once the task ends.</summary>
    public ITimer? DueTimer { get; set; }

    public string Status => FinishedAt is null
        ? StatusNames.Running
        : _succeeds ? StatusNames.Success : StatusNames.Failed;

    /// <summary>Finishes the task if its time or its polls are up; true when this call finished it.</summary>
    public bool Refresh(DateTimeOffset now)
    {
        if (FinishedAt is not null)
        {
            return false;
        }

        var timeUp = DueAt is { } due && now >= due;
        var pollsUp = completeAfterPolls is { } polls && PollCount >= polls;
        if (!timeUp && !pollsUp)
        {
            return false;
        }

        FinishedAt = now;
        return true;
    }

    /// <summary>Counts a status call that reached the task, then refreshes it.</summary>
    public bool Poll(DateTimeOffset now)
    {
        PollCount++;
        return Refresh(now);
    }

    /// <summary>Ends a running task now with the given result; false if it had already finished.</summary>
    public bool Complete(DateTimeOffset now, bool success)
    {
        if (FinishedAt is not null)
        {
            return false;
        }

        _succeeds = success;
        FinishedAt = now;
        return true;
    }

    public CodeArtsTask Snapshot() =>
        new(TaskId, ModelId, Request, DispatchedAt, Status, FinishedAt, PollCount, ReportUrl);
}
