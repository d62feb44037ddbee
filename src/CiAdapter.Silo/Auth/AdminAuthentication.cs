namespace CiAdapter.Silo.Auth;

/// <summary>Names of the admin surface's authentication schemes and authorization policies.</summary>
internal static class AdminAuthentication
{
    /// <summary>The realm named in every challenge, so a browser keeps one set of credentials for the service.</summary>
    public const string Realm = "ci-adapter";

    /// <summary>Authenticates <c>/api/*</c>; challenges with <c>Bearer</c>.</summary>
    public const string ApiScheme = "AdminToken";

    /// <summary>Authenticates <c>/dashboard/*</c>; challenges with <c>Basic</c> so a browser asks for the token.</summary>
    public const string DashboardScheme = "AdminTokenBasic";

    public const string ApiPolicy = "admin-api";

    public const string DashboardPolicy = "admin-dashboard";
}
