using CiAdapter.Simulators.Wire;

namespace CiAdapter.Simulators.CodeArts;

/// <summary>How a <see cref="CodeArtsSimulator"/> behaves from the start.</summary>
public sealed class CodeArtsSimulatorOptions
{
    /// <summary>
    /// The bearer token every dispatch and status call must carry; calls without it get 401.
    /// Null or empty leaves the API open.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>
    /// How long a task runs before its status turns to success or failed.
    /// <see cref="Timeout.InfiniteTimeSpan"/> leaves tasks running until
    /// <see cref="CompleteAfterPolls"/> or <see cref="CodeArtsSimulator.CompleteTask"/> ends them.
    /// </summary>
    public TimeSpan RunTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>When set, a task also finishes on its n-th status poll, which already sees the result.</summary>
    public int? CompleteAfterPolls { get; init; }

    /// <summary>Decides at dispatch whether the task will succeed; null uses <see cref="DefaultSucceeds"/>.</summary>
    public Func<ModelInfo, bool>? Succeeds { get; init; }

    /// <summary>
    /// At most this many tasks run at once, as a CodeArts tenant runs at most a few pipelines in
    /// parallel; a dispatch beyond it is refused with 429 and nothing is created. Null: no cap.
    /// </summary>
    public int? MaxRunningTasks { get; init; }

    /// <summary>How many dispatch and poll records are kept (newest win); counters stay exact.</summary>
    public int MaxRecords { get; init; } = 10_000;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Success unless the model's name (or, without one, its id) contains "fail".</summary>
    public static bool DefaultSucceeds(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.ModelName ?? model.ModelId ?? "";
        return !name.Contains("fail", StringComparison.OrdinalIgnoreCase);
    }
}
