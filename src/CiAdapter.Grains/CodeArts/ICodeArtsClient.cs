using CiAdapter.Models;

namespace CiAdapter.CodeArts;

/// <summary>The CodeArts CI API the service needs: start a task, read its status.</summary>
public interface ICodeArtsClient
{
    /// <summary>Starts a CI task for the model (<c>POST /dispatch</c>).</summary>
    /// <exception cref="Http.ExternalServiceException">CodeArts did not accept the task.</exception>
    Task<CiTask> DispatchAsync(ModelSnapshot model, CancellationToken cancellationToken);

    /// <summary>Reads a task's status (<c>GET /task/{id}/status</c>).</summary>
    /// <exception cref="Http.ExternalServiceException">CodeArts did not answer with the task.</exception>
    Task<CiTask> GetStatusAsync(string taskId, CancellationToken cancellationToken);
}
