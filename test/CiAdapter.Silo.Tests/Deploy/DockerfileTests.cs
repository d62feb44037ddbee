using System.Xml.Linq;
using CiAdapter.Silo.Tests.Deploy.Support;

namespace CiAdapter.Silo.Tests.Deploy;

/// <summary>The Dockerfile read as text, against the Deployment. DockerBuildTests runs it.</summary>
public sealed class DockerfileTests
{
    private const string ServiceProject = "src/CiAdapter.Silo/CiAdapter.Silo.csproj";

    private static readonly Dockerfile Image = Dockerfile.Load(RepositoryRoot.Combine("Dockerfile"));
    private static readonly DeployManifests Manifests = DeployManifests.Current;

    [Fact]
    public void Stages_BuildOnTheDotnet10Sdk_AndRunOnTheAspNetCore10Runtime()
    {
        Assert.Equal(2, Image.Stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", Image.Stages[0].Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", Image.Final.Image, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalStage_ExposesTheDeploymentsContainerPorts()
    {
        var exposed = Image.Final.All("EXPOSE").SelectMany(e => e.Words).Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));
        var declared = Manifests.Container["ports"].Items.Select(p => p["containerPort"].Int);

        Assert.Equal(declared.Order(), exposed.Order());
    }

    [Fact]
    public void FinalStage_RunsAsTheNonRootUserTheDeploymentExpects()
    {
        var user = Image.Final.Last("USER")?.Arguments;

        // $APP_UID is 1654 in the official images; a numeric user lets Kubernetes verify runAsNonRoot.
        Assert.Contains(user, new[] { "$APP_UID", "${APP_UID}", "1654" });
        Assert.Equal(1654, Manifests.PodSpec["securityContext"]["runAsUser"].Int);
    }

    [Fact]
    public void FinalStage_ListensWhereTheDeploymentProbes()
    {
        var environment = Image.Final.Environment();

        Assert.Equal(ContainerEnvironment.Resolve(Manifests)["ASPNETCORE_URLS"], environment["ASPNETCORE_URLS"]);
        Assert.Equal(string.Empty, environment["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void FinalStage_EntryPoint_RunsTheServiceAsProcessOne()
    {
        // Exec form: dotnet itself receives SIGTERM, no shell in between.
        Assert.Equal(["dotnet", "CiAdapter.Silo.dll"], Image.Final.Last("ENTRYPOINT")?.ExecForm ?? []);
    }

    [Fact]
    public void RestoreLayer_CopiesEveryProjectAndBuildFile_BeforeRestoring()
    {
        var build = Image.Stages[0];
        var restore = build.Instructions.ToList().FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore >= 0, "the build stage has no `RUN dotnet restore`");
        var copiedFirst = build.Instructions.Take(restore)
            .Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.FlagsAndOperands().Operands.SkipLast(1))
            .ToHashSet(StringComparer.Ordinal);

        var needed = new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" }.Concat(ProjectClosure(ServiceProject));

        Assert.All(needed, file => Assert.Contains(file, copiedFirst));
    }

    /// <summary>The project and every project it references, directly or not, as repository-relative paths.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(RepositoryRoot.Combine(current))!;
            foreach (var reference in XDocument.Load(RepositoryRoot.Combine(current)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryRoot.FullPath, path).Replace('\\', '/'));
            }
        }

        return seen;
    }
}
