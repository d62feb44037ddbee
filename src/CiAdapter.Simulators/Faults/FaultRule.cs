namespace CiAdapter.Simulators.Faults;

/// <summary>
/// One fault to inject into the calls of a route: for the next <see cref="Count"/> calls, or for
/// every call until the plan is cleared when <see cref="Count"/> is null.
/// </summary>
/// <remarks>
/// <see cref="Delay"/> is waited before any kind acts, so a delayed failure or a delayed abort can be
/// expressed too. <see cref="Timeout.InfiniteTimeSpan"/> holds the call until the client gives up
/// or the simulator stops.
/// </remarks>
public sealed record FaultRule
{
    public FaultRule(FaultKind kind, int? count = 1, int statusCode = 503, TimeSpan delay = default)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind.");
        }

        if (count is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A fault applies to at least one call; use null for every call.");
        }

        if (statusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Not an HTTP status code.");
        }

        if (delay < TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay cannot be negative.");
        }

        if (kind == FaultKind.Delay && delay == TimeSpan.Zero)
        {
            throw new ArgumentException("A delay fault needs a delay.", nameof(delay));
        }

        Kind = kind;
        Count = count;
        StatusCode = statusCode;
        Delay = delay;
    }

    public FaultKind Kind { get; }

    /// <summary>How many calls the rule still catches; null catches every call until cleared.</summary>
    public int? Count { get; }

    /// <summary>The status a <see cref="FaultKind.Fail"/> rule answers.</summary>
    public int StatusCode { get; }

    public TimeSpan Delay { get; }
}
