namespace CiAdapter.Silo.Configuration;

/// <summary>The service cannot start with this configuration; each problem names its key.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
