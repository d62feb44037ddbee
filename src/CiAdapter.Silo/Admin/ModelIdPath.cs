using Microsoft.AspNetCore.Http.Features;

namespace CiAdapter.Silo.Admin;

/// <summary>
/// Reads the model id of <c>/api/models/{group}/{**name}</c>. Model ids are <c>group/name</c> but come
/// from users and may hold more slashes or any character; clients percent-encode them, segment by
/// segment or whole (a slash as <c>%2F</c>). The id is decoded once from the raw request target,
/// because the server's decoded path keeps <c>%2F</c> encoded and so cannot tell a literal
/// <c>%2F</c> in an id from an encoded slash.
/// </summary>
internal static class ModelIdPath
{
    public const string Prefix = "/api/models/";

    public static string Read(HttpContext context, string group, string? name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var prefix = context.Request.PathBase + Prefix;
        if (!string.IsNullOrEmpty(raw) && raw.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            var end = raw.IndexOfAny(['?', '#']);
            var encoded = end < 0 ? raw[prefix.Length..] : raw[prefix.Length..end];
            return Uri.UnescapeDataString(encoded);
        }

        // No raw target (an in-memory test server): the route values are decoded except for %2F.
        var id = string.IsNullOrEmpty(name) ? group : $"{group}/{name}";
        return id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
