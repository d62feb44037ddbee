using CiAdapter.Restore;

namespace CiAdapter.Silo.Startup;

/// <summary>Where the silo is in its start-up order (SPEC §6); read by <c>/readyz</c>.</summary>
public sealed class ReadinessState
{
    private volatile RestoreSummary? _restore;
    private volatile bool _consuming;
    private volatile bool _stopping;

    public RestoreSummary? Restore => _restore;

    public bool IsConsuming => _consuming;

    public bool IsStopping => _stopping;

    public bool IsReady => _restore is not null && _consuming && !_stopping;

    public string Describe() => this switch
    {
        { IsStopping: true } => "shutting down",
        { Restore: null } => "restoring state from the backend",
        { IsConsuming: false } => "restored; starting event consumption",
        _ => "ready",
    };

    internal void RestoreCompleted(RestoreSummary summary) => _restore = summary;

    internal void ConsumptionStarted() => _consuming = true;

    internal void ConsumptionStopped() => _consuming = false;

    internal void Stopping() => _stopping = true;
}
