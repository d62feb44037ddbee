using System.Globalization;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>Parses Kubernetes resource quantities (<c>250m</c>, <c>2</c>, <c>512Mi</c>, <c>1Gi</c>, <c>1G</c>) to plain numbers.</summary>
internal static class KubernetesQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m),
    ];

    public static decimal Parse(ManifestNode quantity)
    {
        var text = quantity.Text;
        foreach (var (suffix, factor) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(text[..^suffix.Length], out var scaled))
            {
                return scaled * factor;
            }
        }

        return TryNumber(text, out var plain) ? plain : throw new InvalidDataException($"{quantity.Location} is '{text}', not a quantity.");
    }

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
