using System.Text.Json.Nodes;
using CiAdapter.Silo.Tests.Deploy.Support;

namespace CiAdapter.Silo.Tests.Deploy;

/// <summary>The Dockerfile run for real (restore, publish, final COPY) and the image directory it yields.</summary>
public sealed class DockerBuildTests(DockerBuildFixture fixture) : IClassFixture<DockerBuildFixture>
{
    /// <summary>The native libraries Confluent.Kafka tries on a glibc Linux, in its order.</summary>
    private static readonly string[] GlibcLibrdkafka = ["librdkafka.so", "centos8-librdkafka.so"];

    [Fact]
    public void BuildStage_RestoresThenPublishesTheServiceInRelease_ToWhatTheImageCopies()
    {
        Assert.Collection(
            fixture.Build.Commands,
            restore => Assert.Equal(["dotnet", "restore", "src/CiAdapter.Silo"], restore.Take(3)),
            publish =>
            {
                Assert.Equal(["dotnet", "publish", "src/CiAdapter.Silo"], publish.Take(3));
                Assert.Equal("Release", ValueOf(publish, "-c", "--configuration"));
                Assert.Contains("--no-restore", publish);
                Assert.Contains("--no-self-contained", publish);
                Assert.Equal(ValueOf(fixture.Build.Commands[0], "-a", "--arch"), ValueOf(publish, "-a", "--arch"));
                var output = ValueOf(publish, "-o", "--output");
                var copy = Assert.Single(fixture.Dockerfile.Final.All("COPY"), c => c.FlagsAndOperands().Flags.ContainsKey("from"));
                Assert.Equal(output, copy.FlagsAndOperands().Operands[0]);
            });
    }

    [Fact]
    public void Image_HoldsTheServiceAssembly_ItsSettings_AndTheEntryPointsTarget()
    {
        var entryPoint = fixture.Dockerfile.Final.Last("ENTRYPOINT")?.ExecForm ?? [];

        Assert.All(
            new[] { "CiAdapter.Silo.dll", "CiAdapter.Silo.deps.json", "CiAdapter.Silo.runtimeconfig.json", "appsettings.json", entryPoint[^1] },
            file => Assert.True(File.Exists(Path.Combine(fixture.ImageDirectory, file)), $"the image's {fixture.Dockerfile.Final.Last("WORKDIR")?.Arguments} has no {file}"));
    }

    [Fact]
    public void Image_IsFrameworkDependent_OnTheAspNetCore10Runtime()
    {
        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(fixture.ImageDirectory, "CiAdapter.Silo.runtimeconfig.json")))!["runtimeOptions"]!;
        var frameworks = (runtimeConfig["frameworks"]?.AsArray() ?? [runtimeConfig["framework"]]).OfType<JsonNode>().ToList();

        Assert.Null(runtimeConfig["includedFrameworks"]);
        Assert.Contains(frameworks, f => (string?)f["name"] == "Microsoft.AspNetCore.App" && ((string?)f["version"])?.StartsWith("10.", StringComparison.Ordinal) == true);
        Assert.False(File.Exists(Path.Combine(fixture.ImageDirectory, "libcoreclr.so")), "a self-contained publish would carry its own runtime");
    }

    [Fact]
    public void Image_Librdkafka_HasABuildConfluentKafkaLoadsWithNothingButGlibc()
    {
        var nativeDirectories = new[]
        {
            fixture.ImageDirectory,
            Path.Combine(fixture.ImageDirectory, "runtimes", $"linux-{(fixture.TargetArchitecture == "amd64" ? "x64" : fixture.TargetArchitecture)}", "native"),
        };
        var present = GlibcLibrdkafka
            .SelectMany(name => nativeDirectories.Select(d => Path.Combine(d, name)))
            .Where(File.Exists)
            .ToDictionary(path => path, ElfDependencies.Needed);

        Assert.NotEmpty(present);
        Assert.True(
            present.Values.Any(needed => needed.All(ElfDependencies.GlibcLibraries.Contains)),
            "every librdkafka build in the image needs more than glibc: " + string.Join("; ", present.Select(p => $"{Path.GetFileName(p.Key)} needs {string.Join(", ", p.Value)}")));
    }

    [Fact]
    public void BuildContext_LeavesLocalBuildOutputAndGitOut()
    {
        Assert.True(Directory.Exists(RepositoryRoot.Combine("src", "CiAdapter.Silo", "obj")), "this checkout has been built, so it has obj/ folders to leave out");
        var copied = fixture.Build.ContextFilesCopied;

        Assert.Contains("src/CiAdapter.Silo/Program.cs", copied);
        Assert.DoesNotContain(copied, path => path.Split('/') is var segments && segments.Any(s => s is "bin" or "obj" or "TestResults" or ".git"));
    }

    private static string? ValueOf(IReadOnlyList<string> words, params string[] options)
    {
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var option in options)
            {
                if (words[i] == option && i + 1 < words.Count)
                {
                    return words[i + 1];
                }

                if (words[i].StartsWith(option + "=", StringComparison.Ordinal) || (option.Length == 2 && words[i].StartsWith(option + ":", StringComparison.Ordinal)))
                {
                    return words[i][(option.Length + 1)..];
                }
            }
        }

        return null;
    }
}
