using CiAdapter.Simulators.Wire;

namespace CiAdapter.Simulators.CodeArts;

/// <summary>A snapshot of one simulated CodeArts task.</summary>
/// <param name="TaskId">The id CodeArts gave the task.</param>
/// <param name="ModelId">The model the task certifies.</param>
/// <param name="Request">The dispatch body that created the task.</param>
/// <param name="DispatchedAt">When the task was created.</param>
/// <param name="Status">running, success or failed.</param>
/// <param name="FinishedAt">When the task ended; null while it runs.</param>
/// <param name="PollCount">Status calls that reached the task.</param>
/// <param name="ReportUrl">Where the task's report is served.</param>
public sealed record CodeArtsTask(
    string TaskId,
    string ModelId,
    ModelInfo Request,
    DateTimeOffset DispatchedAt,
    string Status,
    DateTimeOffset? FinishedAt,
    int PollCount,
    string ReportUrl)
{
    public bool IsFinished => FinishedAt is not null;
}
