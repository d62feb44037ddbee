using System.Text.RegularExpressions;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>
/// Runs a Dockerfile on this machine the way BuildKit would run it, without a Docker engine:
/// each stage gets a scratch directory standing for its file system root, COPY takes files from the
/// context (filtered by .dockerignore) or from an earlier stage, WORKDIR and ARG are honoured, and
/// RUN executes <c>dotnet restore</c>/<c>dotnet publish</c> lines with this SDK, container paths
/// mapped under the stage's root. Other RUN lines are refused: the emulation is only as good as the
/// Dockerfile is simple. Base images are not pulled; the SDK image stands for this SDK.
/// </summary>
internal sealed partial class DockerBuildEmulation : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    private readonly string _context;
    private readonly DockerIgnore _ignore;
    private readonly Dockerfile _dockerfile;
    private readonly IReadOnlyDictionary<string, string> _buildArguments;
    private readonly List<string> _contextFilesCopied = [];
    private readonly List<IReadOnlyList<string>> _commands = [];

    private DockerBuildEmulation(string context, Dockerfile dockerfile, DockerIgnore ignore, IReadOnlyDictionary<string, string> buildArguments)
    {
        _context = context;
        _dockerfile = dockerfile;
        _ignore = ignore;
        _buildArguments = buildArguments;
        Scratch = Directory.CreateTempSubdirectory("ci-adapter-docker-build-").FullName;
    }

    /// <summary>The scratch directory that holds a root directory per stage.</summary>
    public string Scratch { get; }

    /// <summary>Context-relative paths of the files COPY took from the build context.</summary>
    public IReadOnlyList<string> ContextFilesCopied => _contextFilesCopied;

    /// <summary>The RUN commands, as words after variable expansion and before path mapping (<c>dotnet publish … -o /app</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Commands => _commands;

    public static async Task<DockerBuildEmulation> RunAsync(
        string context,
        Dockerfile dockerfile,
        DockerIgnore ignore,
        IReadOnlyDictionary<string, string> buildArguments,
        CancellationToken cancellationToken)
    {
        var emulation = new DockerBuildEmulation(context, dockerfile, ignore, buildArguments);
        try
        {
            foreach (var stage in dockerfile.Stages)
            {
                await emulation.RunStageAsync(stage, cancellationToken);
            }

            return emulation;
        }
        catch
        {
            emulation.Dispose();
            throw;
        }
    }

    /// <summary>Where a stage's absolute container path lives on this machine.</summary>
    public string MapPath(DockerStage stage, string containerPath)
    {
        if (!containerPath.StartsWith('/'))
        {
            throw new ArgumentException($"'{containerPath}' is not an absolute container path.", nameof(containerPath));
        }

        var root = StageRoot(stage);
        var mapped = Path.GetFullPath(Path.Combine(root, containerPath.TrimStart('/')));
        return mapped.StartsWith(root, StringComparison.Ordinal) ? mapped : throw new ArgumentException($"'{containerPath}' leaves the stage's root.", nameof(containerPath));
    }

    /// <summary>The stage's working directory at its end (WORKDIR), mapped to this machine.</summary>
    public string WorkingDirectory(DockerStage stage) => MapPath(stage, ContainerWorkingDirectory(stage));

    public void Dispose() => Directory.Delete(Scratch, recursive: true);

    private static string ContainerWorkingDirectory(DockerStage stage) => stage.Last("WORKDIR")?.Arguments ?? "/";

    private string StageRoot(DockerStage stage) => Path.Combine(Scratch, $"stage-{stage.Index}") + Path.DirectorySeparatorChar;

    private async Task RunStageAsync(DockerStage stage, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(StageRoot(stage));
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var workingDirectory = "/";
        foreach (var instruction in stage.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "ARG":
                    var (name, fallback) = instruction.Arguments.Split('=', 2) is [var n, var d] ? (n, d) : (instruction.Arguments, null);
                    arguments[name] = _buildArguments.TryGetValue(name, out var given)
                        ? given
                        : fallback ?? throw new InvalidDataException($"{instruction}: no value for build argument {name}.");
                    break;
                case "WORKDIR":
                    workingDirectory = Expand(instruction.Arguments, arguments, instruction);
                    if (!workingDirectory.StartsWith('/'))
                    {
                        throw new NotSupportedException($"{instruction}: give WORKDIR as an absolute path.");
                    }

                    Directory.CreateDirectory(MapPath(stage, workingDirectory));
                    break;
                case "COPY":
                    Copy(stage, workingDirectory, instruction);
                    break;
                case "RUN":
                    await RunAsync(stage, workingDirectory, Expand(instruction.Arguments, arguments, instruction), instruction, cancellationToken);
                    break;
                case "ADD":
                    throw new NotSupportedException($"{instruction}: use COPY.");
                default:
                    // ENV, EXPOSE, USER, ENTRYPOINT, CMD, LABEL, HEALTHCHECK: image metadata, nothing to run.
                    break;
            }
        }
    }

    private async Task RunAsync(DockerStage stage, string workingDirectory, string command, DockerInstruction instruction, CancellationToken cancellationToken)
    {
        if (ShellSyntax().IsMatch(command))
        {
            throw new NotSupportedException($"{instruction}: only single `dotnet restore|publish` commands without shell syntax are emulated.");
        }

        var words = command.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words is not ["dotnet", "restore" or "publish", ..])
        {
            throw new NotSupportedException($"{instruction}: only `dotnet restore` and `dotnet publish` are emulated.");
        }

        _commands.Add(words);
        var mapped = words.Skip(1).Select(w => MapArgument(stage, w)).ToList();
        await DotnetCli.RunAsync(mapped, MapPath(stage, workingDirectory), CommandTimeout, cancellationToken);
    }

    private string MapArgument(DockerStage stage, string word)
    {
        if (word.StartsWith('/'))
        {
            return MapPath(stage, word);
        }

        var equals = word.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && word[(equals + 1)..].StartsWith('/') ? word[..(equals + 1)] + MapPath(stage, word[(equals + 1)..]) : word;
    }

    private void Copy(DockerStage stage, string workingDirectory, DockerInstruction instruction)
    {
        var (flags, operands) = instruction.FlagsAndOperands();
        if (operands.Count < 2)
        {
            throw new InvalidDataException($"{instruction}: COPY needs a source and a destination.");
        }

        var destination = operands[^1];
        var destinationPath = MapPath(stage, destination.StartsWith('/') ? destination : CombineContainerPath(workingDirectory, destination));
        var intoDirectory = operands.Count > 2 || destination.EndsWith('/') || destination is "." or "./" || Directory.Exists(destinationPath);
        var fromStage = flags.TryGetValue("from", out var from) ? _dockerfile.Stage(from) : null;
        foreach (var source in operands.Take(operands.Count - 1))
        {
            if (source.IndexOfAny(['*', '?', '[']) >= 0)
            {
                throw new NotSupportedException($"{instruction}: wildcards in COPY sources are not emulated.");
            }

            var sourcePath = fromStage is null ? ContextPath(source, instruction) : MapPath(fromStage, source.StartsWith('/') ? source : "/" + source);
            if (Directory.Exists(sourcePath))
            {
                CopyDirectory(sourcePath, destinationPath, fromStage is null ? Relative(sourcePath) : null);
            }
            else if (File.Exists(sourcePath))
            {
                var target = intoDirectory ? Path.Combine(destinationPath, Path.GetFileName(sourcePath)) : destinationPath;
                CopyFile(sourcePath, target, fromStage is null ? Relative(sourcePath) : null);
            }
            else
            {
                throw new InvalidDataException($"{instruction}: '{source}' does not exist{(fromStage is null ? " in the build context" : $" in {fromStage}")}.");
            }
        }
    }

    private string ContextPath(string source, DockerInstruction instruction)
    {
        var context = Path.GetFullPath(_context);
        var path = Path.GetFullPath(Path.Combine(context, source.TrimStart('/')));
        if (path != context && !path.StartsWith(context + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{instruction}: '{source}' is outside the build context.");
        }

        return Relative(path) is { Length: > 0 } relative && _ignore.IsExcluded(relative)
            ? throw new InvalidDataException($"{instruction}: '{source}' is left out of the build context by .dockerignore.")
            : path;
    }

    private string Relative(string contextPath)
    {
        var relative = Path.GetRelativePath(_context, contextPath).Replace('\\', '/').TrimEnd('/');
        return relative == "." ? string.Empty : relative;
    }

    private void CopyDirectory(string source, string destination, string? contextRelative)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var relative = contextRelative is null ? null : (contextRelative.Length == 0 ? entry.Name : $"{contextRelative}/{entry.Name}");
            var excluded = relative is not null && _ignore.IsExcluded(relative);
            if (entry is DirectoryInfo directory)
            {
                // An excluded directory is still searched when a later '!' rule may bring files back.
                if (!excluded || _ignore.HasExceptions)
                {
                    CopyDirectory(directory.FullName, Path.Combine(destination, entry.Name), relative);
                }
            }
            else if (!excluded)
            {
                CopyFile(entry.FullName, Path.Combine(destination, entry.Name), relative);
            }
        }
    }

    private void CopyFile(string source, string destination, string? contextRelative)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: true);
        if (contextRelative is not null)
        {
            _contextFilesCopied.Add(contextRelative);
        }
    }

    private static string CombineContainerPath(string directory, string relative) => relative switch
    {
        "." or "./" => directory,
        _ when relative.StartsWith("./", StringComparison.Ordinal) => directory.TrimEnd('/') + "/" + relative[2..],
        _ => directory.TrimEnd('/') + "/" + relative,
    };

    private static string Expand(string text, Dictionary<string, string> arguments, DockerInstruction instruction) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            return arguments.TryGetValue(name, out var value) && value.Length > 0
                ? value
                : throw new InvalidDataException($"{instruction}: ${name} has no value (declare it with ARG, or pass it as a build argument).");
        });

    [GeneratedRegex(@"\$(\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?<plain>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();

    [GeneratedRegex(@"&&|\|\||[;|<>`'""*]|\$\(")]
    private static partial Regex ShellSyntax();
}
