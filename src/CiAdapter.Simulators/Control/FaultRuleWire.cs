using CiAdapter.Simulators.Faults;

namespace CiAdapter.Simulators.Control;

/// <summary>
/// A fault rule on the control surface:
/// <c>{"route":"dispatch","kind":"fail","count":2,"status_code":503,"delay_ms":0}</c>.
/// <c>count</c> absent or null means every call until cleared; <c>route</c> is only read on requests.
/// </summary>
internal sealed record FaultRuleWire
{
    public string? Route { get; init; }

    public string? Kind { get; init; }

    public int? Count { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>Milliseconds; -1 holds the call until the client gives up.</summary>
    public long? DelayMs { get; init; }

    public static FaultRuleWire From(FaultRule rule) => new()
    {
        Kind = KindName(rule.Kind),
        Count = rule.Count,
        StatusCode = rule.Kind == FaultKind.Fail ? rule.StatusCode : null,
        DelayMs = rule.Delay == Timeout.InfiniteTimeSpan ? -1 : (long)rule.Delay.TotalMilliseconds,
    };

    public static string KindName(FaultKind kind) => kind switch
    {
        FaultKind.Delay => "delay",
        FaultKind.Fail => "fail",
        FaultKind.Abort => "abort",
        FaultKind.DropResponse => "drop_response",
        FaultKind.Malformed => "malformed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind."),
    };

    /// <summary>Builds the rule, or says why the request cannot describe one.</summary>
    public FaultRule? ToRule(out string? error)
    {
        FaultKind? kind = Kind?.Trim().ToLowerInvariant() switch
        {
            "delay" => FaultKind.Delay,
            "fail" => FaultKind.Fail,
            "abort" => FaultKind.Abort,
            "drop_response" => FaultKind.DropResponse,
            "malformed" => FaultKind.Malformed,
            _ => null,
        };
        if (kind is null)
        {
            error = "kind must be one of delay, fail, abort, drop_response, malformed";
            return null;
        }

        var delay = DelayMs switch
        {
            null or 0 => TimeSpan.Zero,
            -1 => Timeout.InfiniteTimeSpan,
            var ms => TimeSpan.FromMilliseconds(ms.Value),
        };

        try
        {
            error = null;
            return new FaultRule(kind.Value, Count, StatusCode ?? 503, delay);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }
}
