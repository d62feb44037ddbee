using CiAdapter.Wire;
using RestSharp;
using RestSharp.Serializers.Json;

namespace CiAdapter.Http;

internal static class WireRestClient
{
    /// <summary>
    /// A RestSharp client on the named HttpClient (which carries the resilience pipeline), speaking the
    /// wire's snake_case JSON and leaving status codes to the caller.
    /// </summary>
    public static RestClient Create(IHttpClientFactory httpClientFactory, string httpClientName, Uri baseUrl) => new(
        httpClientFactory.CreateClient(httpClientName),
        new RestClientOptions(baseUrl) { ThrowOnAnyError = false },
        disposeHttpClient: true,
        configureSerialization: s => s.UseSystemTextJson(WireJson.Options));
}
