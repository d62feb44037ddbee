using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using CiAdapter.Models;

namespace CiAdapter.Silo.Admin;

/// <summary>
/// The opaque <c>after</c> cursor of a listing: the last model id of the previous page, versioned
/// and base64url-encoded so clients treat it as a token and it survives any URL.
/// </summary>
internal static class ListingCursor
{
    private const string Version = "1:";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string lastModelId) => Base64Url.EncodeToString(StrictUtf8.GetBytes(Version + lastModelId));

    public static bool TryDecode(string cursor, [NotNullWhen(true)] out string? lastModelId)
    {
        lastModelId = null;
        string text;
        try
        {
            text = StrictUtf8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return false;
        }

        if (!text.StartsWith(Version, StringComparison.Ordinal) || ModelIds.Validate(text[Version.Length..]) is not null)
        {
            return false;
        }

        lastModelId = text[Version.Length..];
        return true;
    }
}
