namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>A build stage: its FROM line and the instructions after it.</summary>
internal sealed class DockerStage(int index, DockerInstruction from, IReadOnlyList<DockerInstruction> instructions)
{
    public int Index => index;

    public DockerInstruction From => from;

    public string Image => from.FlagsAndOperands().Operands[0];

    /// <summary>The name given with <c>AS</c>, if any.</summary>
    public string? Name => from.FlagsAndOperands().Operands is [_, var keyword, var name] && keyword.Equals("AS", StringComparison.OrdinalIgnoreCase)
        ? name
        : null;

    public IReadOnlyList<DockerInstruction> Instructions => instructions;

    public IEnumerable<DockerInstruction> All(string keyword) =>
        instructions.Where(i => i.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public DockerInstruction? Last(string keyword) => All(keyword).LastOrDefault();

    /// <summary>The variables ENV sets in this stage (<c>ENV A=1 B=</c> form), later ones winning.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in All("ENV"))
        {
            foreach (var word in instruction.Words)
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new NotSupportedException($"{instruction}: write ENV as NAME=value pairs.");
                }

                environment[word[..equals]] = word[(equals + 1)..].Trim('"');
            }
        }

        return environment;
    }

    public override string ToString() => Name is null ? $"stage {index} ({Image})" : $"stage {Name} ({Image})";
}
