namespace CiAdapter.Simulators.Faults;

/// <summary>
/// The faults queued for one route of a simulator. Rules apply in the order they were added: a
/// call is caught by the first rule, which is used up after its count of calls; a rule without a
/// count catches every call, and so hides the rules behind it, until <see cref="Clear"/>.
/// Safe to use from any thread while the simulator serves calls.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];
    private readonly Action _changed;
    private long _injected;

    /// <param name="route">The route the plan guards, e.g. <see cref="SimulatorRoutes.Dispatch"/>.</param>
    /// <param name="changed">Told after every change, so its simulator's waiters look again.</param>
    internal FaultPlan(string route, Action changed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        Route = route;
        _changed = changed;
    }

    public string Route { get; }

    /// <summary>How many calls have been caught by a rule since the plan was created.</summary>
    public long InjectedCount => Interlocked.Read(ref _injected);

    /// <summary>The rules still queued, with the calls each still catches.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Select(e => new FaultRule(e.Rule.Kind, e.Remaining, e.Rule.StatusCode, e.Rule.Delay))];
            }
        }
    }

    public FaultPlan Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_lock)
        {
            _entries.Add(new Entry(rule));
        }

        _changed();
        return this;
    }

    public FaultPlan FailNext(int count, int statusCode = 503) => Add(new FaultRule(FaultKind.Fail, count, statusCode));

    public FaultPlan FailAlways(int statusCode = 503) => Add(new FaultRule(FaultKind.Fail, null, statusCode));

    public FaultPlan DelayNext(int count, TimeSpan delay) => Add(new FaultRule(FaultKind.Delay, count, delay: delay));

    public FaultPlan DelayAlways(TimeSpan delay) => Add(new FaultRule(FaultKind.Delay, null, delay: delay));

    public FaultPlan AbortNext(int count = 1) => Add(new FaultRule(FaultKind.Abort, count));

    public FaultPlan AbortAlways() => Add(new FaultRule(FaultKind.Abort, null));

    public FaultPlan DropResponseNext(int count = 1) => Add(new FaultRule(FaultKind.DropResponse, count));

    public FaultPlan MalformedNext(int count = 1) => Add(new FaultRule(FaultKind.Malformed, count));

    /// <summary>Removes every queued rule: calls are served normally again.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }

        _changed();
    }

    /// <summary>Takes the rule that catches the call now arriving, or null to serve it normally.</summary>
    internal FaultRule? Take()
    {
        FaultRule rule;
        lock (_lock)
        {
            if (_entries.Count == 0)
            {
                return null;
            }

            var entry = _entries[0];
            if (entry.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _entries.RemoveAt(0);
                }
                else
                {
                    entry.Remaining = remaining - 1;
                }
            }

            Interlocked.Increment(ref _injected);
            rule = entry.Rule;
        }

        _changed();
        return rule;
    }

    private sealed class Entry(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; } = rule.Count;
    }
}
