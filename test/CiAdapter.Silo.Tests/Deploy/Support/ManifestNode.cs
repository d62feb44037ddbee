using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>
/// A node of a parsed manifest that knows where it sits (<c>deployment.yaml: spec.replicas</c>), so a
/// failed lookup or a wrong type names the place rather than throwing a bare KeyNotFoundException.
/// </summary>
internal sealed class ManifestNode(YamlNode node, string location)
{
    public string Location => location;

    public ManifestNode this[string key] =>
        Optional(key) ?? throw new InvalidDataException($"{ChildLocation(key)} is missing.");

    public ManifestNode this[int index] =>
        index < Items.Count ? Items[index] : throw new InvalidDataException($"{location}[{index}] is missing.");

    public bool IsQuoted => node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted };

    public bool IsMapping => node is YamlMappingNode;

    /// <summary>The scalar's text, as YAML wrote it (a plain <c>0</c> and a quoted <c>"0"</c> both give "0").</summary>
    public string Text => node is YamlScalarNode { Value: { } value }
        ? value
        : throw new InvalidDataException($"{location} is not a scalar.");

    public int Int => !IsQuoted && int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw new InvalidDataException($"{location} is '{Text}', not an integer.");

    public bool Bool => !IsQuoted && Text is "true" or "false"
        ? Text == "true"
        : throw new InvalidDataException($"{location} is '{Text}', not true or false.");

    public IReadOnlyList<ManifestNode> Items => node is YamlSequenceNode sequence
        ? [.. sequence.Children.Select((child, i) => new ManifestNode(child, $"{location}[{i}]"))]
        : throw new InvalidDataException($"{location} is not a list.");

    public IReadOnlyList<KeyValuePair<string, ManifestNode>> Entries => node is YamlMappingNode mapping
        ? [.. mapping.Children.Select(e => KeyValuePair.Create(KeyOf(e.Key), new ManifestNode(e.Value, ChildLocation(KeyOf(e.Key)))))]
        : throw new InvalidDataException($"{location} is not a mapping.");

    /// <summary>A mapping of scalars, such as labels or ConfigMap data.</summary>
    public IReadOnlyDictionary<string, string> Strings => Entries.ToDictionary(e => e.Key, e => e.Value.Text, StringComparer.Ordinal);

    public ManifestNode? Optional(string key)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw new InvalidDataException($"{location} is not a mapping, so it has no '{key}'.");
        }

        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return new ManifestNode(v, ChildLocation(key));
            }
        }

        return null;
    }

    public override string ToString() => location;

    // A document's root is "file.yaml:"; below it the path reads "file.yaml: spec.replicas".
    private string ChildLocation(string key) => location.EndsWith(':') ? $"{location} {key}" : $"{location}.{key}";

    private string KeyOf(YamlNode key) => key is YamlScalarNode { Value: { } name }
        ? name
        : throw new InvalidDataException($"{location} has a key that is not a scalar.");
}
