using System.Net;

namespace CiAdapter.Http;

/// <summary>
/// A call to CodeArts or the backend did not succeed (non-200, timeout, connection failure, bad body)
/// after the resilience pipeline's retries. Callers keep their state and try again next period.
/// </summary>
public sealed class ExternalServiceException : Exception
{
    public ExternalServiceException(string service, string operation, HttpStatusCode? statusCode, string reason, Exception? inner = null)
        : base($"{service} {operation} failed: {reason}", inner)
    {
        Service = service;
        Operation = operation;
        StatusCode = statusCode;
        Reason = reason;
    }

    public string Service { get; }

    public string Operation { get; }

    public HttpStatusCode? StatusCode { get; }

    public string Reason { get; }
}
