using CiAdapter.Simulators.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Faults;

/// <summary>Acts out a <see cref="FaultRule"/> on a call before the simulator serves it.</summary>
internal static class FaultInjector
{
    private const string MalformedBody = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    /// <summary>
    /// Acts out <paramref name="rule"/>; true when the call is still to be served (no rule, a delay,
    /// or a response to drop later). When the fault ends the call, <paramref name="record"/> is told
    /// the status answered (null: none) before the client can see it, so a client that saw the
    /// fault always finds it recorded.
    /// </summary>
    public static async Task<bool> BeforeAsync(
        HttpContext context,
        FaultRule? rule,
        string route,
        TimeProvider timeProvider,
        ILogger logger,
        Action<int?> record,
        CancellationToken cancellationToken)
    {
        if (rule is null)
        {
            return true;
        }

        logger.Injected(rule.Kind, route);
        if (rule.Delay != TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(rule.Delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up (the point of most delays) or the host is stopping: either
                // way the call must not end in an empty 200.
                record(null);
                context.Abort();
                return false;
            }
        }

        switch (rule.Kind)
        {
            case FaultKind.Fail:
                record(rule.StatusCode);
                await SimulatorHttp.WriteErrorAsync(context, rule.StatusCode, "Injected fault").ConfigureAwait(false);
                return false;
            case FaultKind.Abort:
                record(null);
                context.Abort();
                return false;
            case FaultKind.Malformed:
                record(StatusCodes.Status200OK);
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(MalformedBody, CancellationToken.None).ConfigureAwait(false);
                return false;
            default:
                return true;
        }
    }
}
