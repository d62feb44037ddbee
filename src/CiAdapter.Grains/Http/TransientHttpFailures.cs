using System.Net;
using Polly;
using Polly.Timeout;

namespace CiAdapter.Http;

/// <summary>
/// Which failures a call retries at once. A POST that may have reached the server (a timeout, a 500)
/// is not repeated: CodeArts has no idempotency key, so repeating it could start a second CI run.
/// Those wait for the next period instead, where the model's own state decides.
/// </summary>
internal static class TransientHttpFailures
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod method)
    {
        var safe = method == HttpMethod.Get || method == HttpMethod.Head;
        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException { StatusCode: null } request => safe || IsConnectFailure(request),
                TimeoutRejectedException => safe,
                _ => false,
            };
        }

        var status = outcome.Result?.StatusCode;
        return status switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                or HttpStatusCode.GatewayTimeout => true,
            HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError => safe,
            _ => false,
        };
    }

    /// <summary>The request never reached the server, so sending it again cannot duplicate anything.</summary>
    private static bool IsConnectFailure(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
}
