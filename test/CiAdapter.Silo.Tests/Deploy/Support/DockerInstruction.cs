using System.Text.Json;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>One Dockerfile instruction with its continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The arguments split on whitespace (shell form).</summary>
    public IReadOnlyList<string> Words => Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The arguments of the JSON exec form (<c>["dotnet", "x.dll"]</c>), or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm =>
        Arguments.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<string[]>(Arguments) : null;

    /// <summary>Leading <c>--name=value</c> flags (COPY --from, FROM --platform) and the operands after them.</summary>
    public (IReadOnlyDictionary<string, string> Flags, IReadOnlyList<string> Operands) FlagsAndOperands()
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = Words;
        var i = 0;
        for (; i < words.Count && words[i].StartsWith("--", StringComparison.Ordinal); i++)
        {
            var equals = words[i].IndexOf('=', StringComparison.Ordinal);
            flags[equals < 0 ? words[i][2..] : words[i][2..equals]] = equals < 0 ? "true" : words[i][(equals + 1)..];
        }

        return (flags, words.Skip(i).ToList());
    }

    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}
