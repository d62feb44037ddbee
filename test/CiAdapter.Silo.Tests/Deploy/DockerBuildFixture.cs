using System.Runtime.InteropServices;
using CiAdapter.Silo.Tests.Deploy.Support;

namespace CiAdapter.Silo.Tests.Deploy;

/// <summary>
/// Runs the Dockerfile once, on this machine, for this machine's architecture (see
/// <see cref="DockerBuildEmulation"/>): the restore and the publish take about a minute.
/// </summary>
public sealed class DockerBuildFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    private DockerBuildEmulation? _build;

    internal Dockerfile Dockerfile { get; } = Dockerfile.Load(RepositoryRoot.Combine("Dockerfile"));

    internal DockerBuildEmulation Build => _build ?? throw new InvalidOperationException("The build has not run.");

    /// <summary>Docker's name for the target architecture (TARGETARCH): amd64 or arm64.</summary>
    internal string TargetArchitecture { get; } = RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new PlatformNotSupportedException($"No .NET container image for {other}."),
    };

    /// <summary>The image's working directory: what <c>dotnet CiAdapter.Silo.dll</c> runs in.</summary>
    internal string ImageDirectory => Build.WorkingDirectory(Dockerfile.Final);

    public async Task InitializeAsync()
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TARGETARCH"] = TargetArchitecture,
            ["TARGETPLATFORM"] = $"linux/{TargetArchitecture}",
            ["BUILDPLATFORM"] = $"linux/{TargetArchitecture}",
        };
        using var timeout = new CancellationTokenSource(BuildTimeout);
        _build = await DockerBuildEmulation.RunAsync(
            RepositoryRoot.FullPath,
            Dockerfile,
            DockerIgnore.Load(RepositoryRoot.Combine(".dockerignore")),
            arguments,
            timeout.Token);
    }

    public Task DisposeAsync()
    {
        _build?.Dispose();
        return Task.CompletedTask;
    }
}
