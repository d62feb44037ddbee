using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CiAdapter.Silo.Tests.Logging;

/// <summary>Structured log state like a [LoggerMessage] method's: the values by name plus the template.</summary>
internal sealed partial class FormattedLogValuesState(string template, object[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly string[] _names = [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value)];

    public int Count => _names.Length + 1;

    public KeyValuePair<string, object?> this[int index] =>
        index < _names.Length ? new(_names[index], values[index]) : new("{OriginalFormat}", template);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var index = 0;
        return Placeholder().Replace(template, _ => Convert.ToString(values[index++], CultureInfo.InvariantCulture) ?? "");
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
