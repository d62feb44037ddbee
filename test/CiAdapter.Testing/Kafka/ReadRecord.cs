using System.Text;

namespace CiAdapter.Testing.Kafka;

/// <summary>One record read back from a topic, with its headers decoded as UTF-8.</summary>
public sealed record ReadRecord(
    int Partition,
    long Offset,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string? KeyText => Key is null ? null : Encoding.UTF8.GetString(Key);

    public string? ValueText => Value is null ? null : Encoding.UTF8.GetString(Value);

    /// <summary>The last value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) =>
        Headers.LastOrDefault(h => h.Key == name) is { Key: not null } h ? h.Value : null;
}
