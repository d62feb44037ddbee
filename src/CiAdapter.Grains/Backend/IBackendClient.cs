namespace CiAdapter.Backend;

/// <summary>The community backend: where statuses are reported and state is restored from.</summary>
public interface IBackendClient
{
    /// <summary>Reports statuses (<c>POST /updateStatus</c>) in as many requests as the batch size needs.</summary>
    /// <exception cref="Http.ExternalServiceException">A request was not accepted; earlier batches may have been.</exception>
    Task PushStatusesAsync(IReadOnlyList<ModelStatusReport> statuses, CancellationToken cancellationToken);

    /// <summary>Reads every model the backend knows (<c>GET /api/modelstate</c>).</summary>
    /// <exception cref="Http.ExternalServiceException">The backend did not answer with its state.</exception>
    Task<BackendModelState> GetModelStateAsync(CancellationToken cancellationToken);
}
