using System.Security.Claims;
using System.Text.Encodings.Web;
using CiAdapter.Silo.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CiAdapter.Silo.Auth;

/// <summary>
/// Authenticates the admin surface with ADMIN_TOKEN (SPEC §7). A refused request gets 401, a
/// <c>WWW-Authenticate</c> challenge of the scheme's kind and a problem-details body that says why
/// without echoing what was sent.
/// </summary>
internal sealed partial class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AdminTokenOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder)
    : AuthenticationHandler<AdminTokenOptions>(options, loggerFactory, encoder)
{
    private const string OperatorName = "admin";
    private const string LocalDevelopmentName = "local-development";
    private const string NotConfigured = $"no {ConfigurationKeys.AdminToken} is configured, so the admin surface is closed";
    private const string NoCredentials = "no credentials were sent";
    private const string WrongToken = "the token is not the admin token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Options.Token is not { } token)
        {
            return Task.FromResult(Options.OpenWithoutToken
                ? Success(LocalDevelopmentName)
                : AuthenticateResult.Fail(NotConfigured));
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!AdminCredentials.TryRead(authorization, out var presented, out var problem))
        {
            return Task.FromResult(AuthenticateResult.Fail(problem));
        }

        return Task.FromResult(token.Matches(presented) ? Success(OperatorName) : AuthenticateResult.Fail(WrongToken));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var reason = result.Failure?.Message ?? NoCredentials;
        LogRefused(reason);

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, Options.Challenge switch
        {
            AdminChallenge.Basic => $"Basic realm=\"{AdminAuthentication.Realm}\", charset=\"UTF-8\"",
            _ => result.Failure is null
                ? $"Bearer realm=\"{AdminAuthentication.Realm}\""
                : $"Bearer realm=\"{AdminAuthentication.Realm}\", error=\"invalid_token\"",
        });
        await Results.Problem(
                title: "Unauthorized",
                detail: $"{reason}: send Authorization: Bearer <{ConfigurationKeys.AdminToken}>, or Basic with any user name and the token as password.",
                statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);
    }

    private AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private void LogRefused(string reason)
    {
        var path = Request.Path.ToString();
        var remote = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        switch (reason)
        {
            // A browser's first request carries no credentials, and a closed surface is announced at start.
            case NoCredentials or NotConfigured:
                LogRefusedQuietly(Logger, path, remote, reason);
                break;
            default:
                LogRefusedBadCredentials(Logger, path, remote, reason);
                break;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Admin request to {Path} from {RemoteAddress} refused: {Reason}")]
    private static partial void LogRefusedQuietly(ILogger logger, string path, string remoteAddress, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Admin request to {Path} from {RemoteAddress} refused: {Reason}")]
    private static partial void LogRefusedBadCredentials(ILogger logger, string path, string remoteAddress, string reason);
}
