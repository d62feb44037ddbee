using CiAdapter.Simulators.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Faults;

/// <summary>Acts out a <see cref="FaultRule"/> on a call before the simulator serves it.</summary>
internal static class FaultInjector
{
    private const string MalformedBody = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    public static async Task<FaultStep> BeforeAsync(
        HttpContext context,
        FaultRule? rule,
        string route,
        TimeProvider timeProvider,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (rule is null)
        {
            return FaultStep.Continue;
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
                // The client gave up (the point of most delays) or the host is stopping.
                return FaultStep.NoAnswer;
            }
        }

        switch (rule.Kind)
        {
            case FaultKind.Fail:
                await SimulatorHttp.WriteErrorAsync(context, rule.StatusCode, "Injected fault").ConfigureAwait(false);
                return new FaultStep(false, rule.StatusCode);
            case FaultKind.Abort:
                context.Abort();
                return FaultStep.NoAnswer;
            case FaultKind.Malformed:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(MalformedBody, CancellationToken.None).ConfigureAwait(false);
                return new FaultStep(false, StatusCodes.Status200OK);
            default:
                return FaultStep.Continue;
        }
    }
}
