using CiAdapter.Http;

namespace CiAdapter.CodeArts;

/// <summary>Where CodeArts CI is and how to call it (CI_BASE_URL, CI_API_TOKEN).</summary>
public sealed class CodeArtsOptions : HttpCallOptions
{
    public Uri BaseUrl { get; set; } = new("https://ci.codearts.com");

    /// <summary>Sent as a bearer token; never logged.</summary>
    public string ApiToken { get; set; } = "";

    /// <summary>
    /// Calls to CodeArts in flight at once from this silo. A tenant runs few pipelines in
    /// parallel, so a burst of pending models queues here instead of flooding CodeArts.
    /// </summary>
    public int MaxConcurrentCalls { get; set; } = 8;
}
