namespace CiAdapter.Silo.Auth;

/// <summary>How a refused admin request is told to authenticate.</summary>
internal enum AdminChallenge
{
    /// <summary><c>WWW-Authenticate: Bearer</c>: for API clients, which send the token as they are configured to.</summary>
    Bearer,

    /// <summary><c>WWW-Authenticate: Basic</c>: makes a browser prompt for a user name (any) and the token as password.</summary>
    Basic,
}
