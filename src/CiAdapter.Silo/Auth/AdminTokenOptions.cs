using Microsoft.AspNetCore.Authentication;

namespace CiAdapter.Silo.Auth;

internal sealed class AdminTokenOptions : AuthenticationSchemeOptions
{
    /// <summary>ADMIN_TOKEN; null when the operator configured none.</summary>
    public AdminToken? Token { get; set; }

    /// <summary>Whether requests pass without a token when none is configured (the Development environment).</summary>
    public bool OpenWithoutToken { get; set; }

    public AdminChallenge Challenge { get; set; } = AdminChallenge.Bearer;
}
