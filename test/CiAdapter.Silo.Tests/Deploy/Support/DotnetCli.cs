using CiAdapter.Testing;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>
/// Runs the dotnet CLI of this SDK as a child process in a clean environment: no MSBuild settings
/// inherited from the test host, no build servers or reused nodes left running after it exits.
/// </summary>
internal static class DotnetCli
{
    private const int KeptOutputLines = 80;

    public static async Task RunAsync(IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(Executable(), arguments, timeout, workingDirectory, environment =>
        {
            // The test host runs under MSBuild's wing; a child build must resolve its own SDK.
            foreach (var name in environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                environment.Remove(name);
            }

            environment["MSBUILDDISABLENODEREUSE"] = "1";
            environment["UseSharedCompilation"] = "false";
            environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            environment["DOTNET_NOLOGO"] = "1";
        },
        cancellationToken);

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {result.ExitCode} in {workingDirectory}:\n{Tail(result.Output)}");
        }
    }

    private static string Executable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Tail(string output) =>
        string.Join('\n', output.Split('\n').TakeLast(KeptOutputLines));
}
