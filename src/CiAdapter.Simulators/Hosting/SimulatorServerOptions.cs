using CiAdapter.Simulators.Backend;
using CiAdapter.Simulators.CodeArts;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Hosting;

/// <summary>What a <see cref="SimulatorServer"/> starts with.</summary>
public sealed class SimulatorServerOptions
{
    /// <summary>Options for a new CodeArts simulator; ignored when <see cref="CodeArtsSimulator"/> is given.</summary>
    public CodeArtsSimulatorOptions CodeArts { get; init; } = new();

    /// <summary>Options for a new backend simulator; ignored when <see cref="BackendSimulator"/> is given.</summary>
    public BackendSimulatorOptions Backend { get; init; } = new();

    /// <summary>
    /// Serve this simulator (with its tasks and records) instead of a new one, e.g. to bring a
    /// stopped server back on the same <see cref="Port"/> after a simulated outage.
    /// </summary>
    public CodeArtsSimulator? CodeArtsSimulator { get; init; }

    /// <summary>Serve this simulator instead of a new one; see <see cref="CodeArtsSimulator"/>.</summary>
    public BackendSimulator? BackendSimulator { get; init; }

    /// <summary>The loopback port to listen on; 0 takes a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where the simulators and Kestrel log; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
