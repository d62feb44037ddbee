namespace CiAdapter.Silo.Logging;

internal static class HttpClientLogRedaction
{
    /// <summary>
    /// Every HttpClient of the service (CodeArts, backend) logs header values as <c>*</c>: at Trace
    /// level IHttpClientFactory logs request headers, and the CodeArts request carries
    /// <c>Authorization: Bearer CI_API_TOKEN</c>. Redacting all of them keeps any future secret
    /// header out of the logs too.
    /// </summary>
    public static IServiceCollection RedactHttpClientHeaderValues(this IServiceCollection services)
    {
        services.ConfigureHttpClientDefaults(http => http.RedactLoggedHeaders(_ => true));
        return services;
    }
}
