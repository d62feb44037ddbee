using CiAdapter.Scheduling;

namespace CiAdapter.Testing.Orleans;

/// <summary>How a test cluster of model grains is tuned: short periods so tests finish in seconds.</summary>
public sealed class GrainClusterSettings
{
    public short Silos { get; set; } = 1;

    public Action<IntervalOptions> Scheduling { get; set; } = _ => { };

    public TimeSpan CheckPendingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan QueryCiStatusInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SyncBackendInterval { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan ReminderPeriodFloor { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan PromptPushDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A CodeArts or backend attempt that takes longer counts as a timeout.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RestoreTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
