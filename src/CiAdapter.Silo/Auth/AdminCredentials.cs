using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;

namespace CiAdapter.Silo.Auth;

/// <summary>
/// Reads the secret a request presents in its Authorization header: <c>Bearer &lt;token&gt;</c>, or
/// HTTP Basic with any user name and the token as password (RFC 7617; UTF-8).
/// </summary>
internal static class AdminCredentials
{
    /// <returns>True with the presented secret; false with why the header is unusable (never echoing it).</returns>
    public static bool TryRead(string authorization, [NotNullWhen(true)] out string? secret, [NotNullWhen(false)] out string? problem)
    {
        secret = null;
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || string.IsNullOrEmpty(header.Parameter))
        {
            problem = "the Authorization header is malformed";
            return false;
        }

        if (string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            secret = header.Parameter;
            problem = null;
            return true;
        }

        if (string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return TryReadBasic(header.Parameter, out secret, out problem);
        }

        problem = $"the Authorization scheme '{header.Scheme}' is not Bearer or Basic";
        return false;
    }

    private static bool TryReadBasic(string parameter, [NotNullWhen(true)] out string? secret, [NotNullWhen(false)] out string? problem)
    {
        secret = null;
        string decoded;
        try
        {
            decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
                .GetString(Convert.FromBase64String(parameter));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            problem = "the Basic credentials are not base64 of UTF-8 user:password";
            return false;
        }

        // The user name is free (it cannot contain a colon); the password is the token and may.
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            problem = "the Basic credentials have no user:password separator";
            return false;
        }

        secret = decoded[(colon + 1)..];
        problem = null;
        return true;
    }
}
