namespace CiAdapter.Scheduling;

/// <summary>The periods that replace the seed's three tickers (CHECK_PENDING_INTERVAL, QUERY_CI_STATUS_INTERVAL, SYNC_BACKEND_INTERVAL).</summary>
public sealed class IntervalOptions
{
    /// <summary>How often a pending model retries its dispatch after a failure.</summary>
    public TimeSpan CheckPendingInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a running model polls its CI task.</summary>
    public TimeSpan QueryCiStatusInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often every known status is pushed to the backend.</summary>
    public TimeSpan SyncBackendInterval { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// Reminders are the durable backstop and are never shorter than this; shorter periods are
    /// driven by grain timers while the grain is active.
    /// </summary>
    public TimeSpan ReminderPeriodFloor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a changed status waits to be pushed with others in one batch.</summary>
    public TimeSpan PromptPushDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The least time between two writes of one index shard. A shard's write stores all of its
    /// models, so under load reports are gathered into fewer, larger writes; model grains do not
    /// wait for them.
    /// </summary>
    public TimeSpan IndexWriteInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between prompt-push retries while the backend keeps failing.</summary>
    public TimeSpan PromptPushMaxBackoff { get; set; } = TimeSpan.FromMinutes(1);
}
