namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>
/// A Dockerfile split into stages and instructions: comments and blank lines dropped, lines ending
/// in a backslash joined with the next (comment lines inside a continuation are dropped, as Docker does).
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> globalArguments, IReadOnlyList<DockerStage> stages)
    {
        GlobalArguments = globalArguments;
        Stages = stages;
    }

    /// <summary>ARG lines before the first FROM.</summary>
    public IReadOnlyList<DockerInstruction> GlobalArguments { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage the image is made of.</summary>
    public DockerStage Final => Stages[^1];

    public static Dockerfile Load(string path) => Parse(File.ReadAllText(path));

    public static Dockerfile Parse(string text)
    {
        var instructions = Instructions(text).ToList();
        var firstFrom = instructions.FindIndex(i => i.Keyword == "FROM");
        if (firstFrom < 0)
        {
            throw new InvalidDataException("The Dockerfile has no FROM.");
        }

        var stages = new List<DockerStage>();
        for (var start = firstFrom; start < instructions.Count;)
        {
            var end = instructions.FindIndex(start + 1, i => i.Keyword == "FROM");
            end = end < 0 ? instructions.Count : end;
            stages.Add(new DockerStage(stages.Count, instructions[start], instructions[(start + 1)..end]));
            start = end;
        }

        return new Dockerfile(instructions[..firstFrom], stages);
    }

    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? (int.TryParse(name, out var index) && index < Stages.Count ? Stages[index] : throw new InvalidDataException($"The Dockerfile has no stage '{name}'."));

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var startLine = i + 1;
            var continues = line.EndsWith('\\');
            var joined = continues ? line[..^1] : line;
            while (continues && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                if (next.StartsWith('#'))
                {
                    continue;
                }

                continues = next.EndsWith('\\');
                joined += " " + (continues ? next[..^1] : next);
            }

            var space = joined.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? joined : joined[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : joined[(space + 1)..].Trim();
            yield return new DockerInstruction(keyword, arguments, startLine);
        }
    }
}
