using System.Net;
using System.Text.Json;
using CiAdapter.Wire;
using RestSharp;

namespace CiAdapter.Http;

internal static class RestResponseExtensions
{
    /// <summary>Throws unless the exchange completed with 200 OK (the only success either contract knows).</summary>
    public static void EnsureOk(this RestResponse response, string service, string operation)
    {
        if (response.ResponseStatus != ResponseStatus.Completed)
        {
            throw new ExternalServiceException(
                service, operation, null, response.ErrorException?.Message ?? response.ResponseStatus.ToString(), response.ErrorException);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new ExternalServiceException(service, operation, response.StatusCode, $"HTTP {(int)response.StatusCode}");
        }
    }

    /// <summary>Reads the body as <typeparamref name="T"/> in the wire's JSON conventions.</summary>
    public static T ReadWire<T>(this RestResponse response, string service, string operation)
        where T : class
    {
        try
        {
            if (response.RawBytes is { Length: > 0 } body && JsonSerializer.Deserialize<T>(body, WireJson.Options) is { } value)
            {
                return value;
            }
        }
        catch (JsonException ex)
        {
            throw new ExternalServiceException(service, operation, response.StatusCode, $"the answer is not valid JSON ({ex.Message})", ex);
        }

        throw new ExternalServiceException(service, operation, response.StatusCode, "the answer is empty");
    }
}
