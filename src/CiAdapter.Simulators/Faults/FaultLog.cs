using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Faults;

/// <summary>Log messages of fault injection (event ids 9140–9149).</summary>
internal static partial class FaultLog
{
    [LoggerMessage(9140, LogLevel.Information, "Simulator injected a {Kind} fault into a {Route} call")]
    public static partial void Injected(this ILogger logger, FaultKind kind, string route);

    [LoggerMessage(9141, LogLevel.Information, "Simulator fault plan for {Route} changed: {RuleCount} rule(s) queued")]
    public static partial void PlanChanged(this ILogger logger, string route, int ruleCount);
}
