using CiAdapter.Http;

namespace CiAdapter.Backend;

/// <summary>Where the community backend is (BACKEND_BASE_URL) and how statuses are sent to it.</summary>
public sealed class BackendOptions : HttpCallOptions
{
    public Uri BaseUrl { get; set; } = new("https://backend.service.com");

    /// <summary>Statuses per <c>POST /updateStatus</c>; a full sync of many models is split into requests this size.</summary>
    public int PushBatchSize { get; set; } = 1000;

    public BackendOptions()
    {
        // The model state served at start-up can be large.
        TotalTimeout = TimeSpan.FromSeconds(60);
        AttemptTimeout = TimeSpan.FromSeconds(30);
    }
}
