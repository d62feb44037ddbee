using CiAdapter.Simulators.Hosting;

namespace CiAdapter.Testing.Service;

/// <summary>The keys an operator sets (SPEC §3), for a service under test talking to the simulators.</summary>
public static class ServiceSettings
{
    /// <summary>
    /// Production keys pointing CodeArts and the backend at <paramref name="simulators"/>, with
    /// one-second dispatch and poll periods. Kafka is added by the host unless the test adds it.
    /// </summary>
    public static Dictionary<string, string?> Production(SimulatorServer simulators, string ciToken, string syncBackendInterval = "3s")
    {
        ArgumentNullException.ThrowIfNull(simulators);
        return new Dictionary<string, string?>
        {
            ["CI_BASE_URL"] = simulators.CodeArtsBaseUrl,
            ["CI_API_TOKEN"] = ciToken,
            ["BACKEND_BASE_URL"] = simulators.BackendBaseUrl,
            ["CHECK_PENDING_INTERVAL"] = "1s",
            ["QUERY_CI_STATUS_INTERVAL"] = "1s",
            ["SYNC_BACKEND_INTERVAL"] = syncBackendInterval,
        };
    }
}
