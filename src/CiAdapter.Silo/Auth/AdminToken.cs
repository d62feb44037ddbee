using System.Security.Cryptography;
using System.Text;

namespace CiAdapter.Silo.Auth;

/// <summary>
/// The configured admin token, kept only as a SHA-256 digest. Presented tokens are hashed too and the
/// digests compared in constant time, so neither the content nor the length of the token leaks
/// through response timing.
/// </summary>
internal sealed class AdminToken
{
    private readonly byte[] _digest;

    public AdminToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _digest = Digest(token);
    }

    public bool Matches(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return CryptographicOperations.FixedTimeEquals(_digest, Digest(presented));
    }

    /// <summary>Never the token itself, wherever this object ends up being printed.</summary>
    public override string ToString() => "(admin token)";

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
