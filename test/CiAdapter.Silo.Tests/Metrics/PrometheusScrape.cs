using System.Globalization;

namespace CiAdapter.Silo.Tests.Metrics;

/// <summary>A parsed Prometheus text exposition: samples by name and labels, and the declared types.</summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    public PrometheusScrape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                _types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#'))
            {
                _samples.Add(ParseSample(line));
            }
        }
    }

    public string Text { get; }

    public string? TypeOf(string metric) => _types.GetValueOrDefault(metric);

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include <paramref name="labels"/>; 0 when none.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) => _samples
        .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
        .Sum(s => s.Value);

    public bool Has(string name, params (string Key, string Value)[] labels) =>
        _samples.Any(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    private static (string, IReadOnlyDictionary<string, string>, double) ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        string name;
        int valueStart;
        if (brace < 0)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            name = line[..space];
            valueStart = space + 1;
        }
        else
        {
            name = line[..brace];
            var i = brace + 1;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var key = line[i..eq].Trim(',', ' ');
                var value = new System.Text.StringBuilder();
                var j = eq + 2;
                for (; line[j] != '"'; j++)
                {
                    if (line[j] == '\\')
                    {
                        j++;
                        value.Append(line[j] == 'n' ? '\n' : line[j]);
                    }
                    else
                    {
                        value.Append(line[j]);
                    }
                }

                labels[key] = value.ToString();
                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            valueStart = i + 2;
        }

        var valueText = line[valueStart..].Split(' ')[0];
        var parsed = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, CultureInfo.InvariantCulture),
        };
        return (name, labels, parsed);
    }
}
