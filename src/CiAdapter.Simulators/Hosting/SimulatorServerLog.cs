using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Hosting;

/// <summary>Log messages of the standalone simulator server (event ids 9160–9169).</summary>
internal static partial class SimulatorServerLog
{
    [LoggerMessage(9160, LogLevel.Information, "Simulators listening on {BaseAddress}")]
    public static partial void Started(this ILogger logger, string baseAddress);
}
