namespace CiAdapter.Simulators.Tests.Support;

/// <summary>A clock that moves only when a test says so; timers still run on real time.</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }
}
