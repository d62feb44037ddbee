using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CiAdapter.Models;

namespace CiAdapter.Silo.Admin;

/// <summary>The query of <c>GET /api/models?status=&amp;limit=&amp;after=</c>, checked before any grain is asked.</summary>
internal sealed record ModelListingRequest(ModelStatus? Status, string? After, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <returns>True with the request, or false with a reason that names the parameter.</returns>
    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out ModelListingRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = null;
        if (!TrySingle(query, "status", out var statusText, out problem)
            || !TrySingle(query, "limit", out var limitText, out problem)
            || !TrySingle(query, "after", out var cursor, out problem))
        {
            return false;
        }

        ModelStatus? status = null;
        if (statusText is not null && !ModelStatusNames.TryParse(statusText, out status))
        {
            problem = $"status '{statusText}' is not one of {string.Join(", ", ModelStatusNames.All.Select(s => s.ToWire()))}";
            return false;
        }

        var limit = DefaultLimit;
        if (limitText is not null
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            problem = $"limit '{limitText}' is not a whole number from 1 to {MaxLimit}";
            return false;
        }

        string? after = null;
        if (cursor is not null && !ListingCursor.TryDecode(cursor, out after))
        {
            problem = "after is not a cursor this service gave out (pass the 'next' value of the previous page)";
            return false;
        }

        request = new ModelListingRequest(status, after, limit);
        return true;
    }

    private static bool TrySingle(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out string? problem)
    {
        value = null;
        problem = null;
        if (!query.TryGetValue(name, out var values))
        {
            return true;
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            problem = values.Count == 1 ? $"{name} is empty" : $"{name} is given {values.Count} times; give it once";
            return false;
        }

        value = values[0];
        return true;
    }
}
