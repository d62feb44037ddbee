namespace CiAdapter.Simulators.Backend;

/// <summary>How a <see cref="BackendSimulator"/> behaves from the start.</summary>
public sealed class BackendSimulatorOptions
{
    /// <summary>
    /// When a pushed status names a model the backend does not serve, add it to the served map
    /// with what a push tells (group and name split from the id, test_status, last_updated set to
    /// the time of the push, an empty <c>ci_task</c>, no version), as a backend that learns models
    /// from the adapter would. False ignores such statuses (they are still recorded).
    /// </summary>
    public bool AddUnknownModels { get; init; } = true;

    /// <summary>How many push and read records are kept (newest win); counters stay exact.</summary>
    public int MaxRecords { get; init; } = 10_000;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
