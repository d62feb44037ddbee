using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CiAdapter.Silo.Tests.Admin;

namespace CiAdapter.Silo.Tests.Auth;

/// <summary>The admin token matrix on a Production service that has ADMIN_TOKEN set.</summary>
[Collection(OperatorSurfaceCollection.Name)]
public sealed class AdminAuthTests(OperatorServiceFixture fixture)
{
    private const string Token = OperatorServiceFixture.AdminToken;

    private OperatorService Service => fixture.Service;

    public static TheoryData<string> GuardedPaths =>
        ["api/models", "api/models/summary", "api/models/g/n", "api/unknown", "api", "dashboard/", "dashboard/DashboardCounters"];

    public static TheoryData<string> OpenPaths => ["healthz", "readyz", "metrics"];

    [Theory]
    [MemberData(nameof(GuardedPaths))]
    public async Task GuardedPath_WithoutCredentials_Is401(string path)
    {
        using var response = await Service.GetAsync(path, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [MemberData(nameof(GuardedPaths))]
    public async Task GuardedPath_WithWrongBearerToken_Is401(string path)
    {
        using var response = await Service.GetAsync(path, OperatorService.Bearer("not-the-admin-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(GuardedPaths))]
    public async Task GuardedPath_WithBearerToken_IsServed(string path)
    {
        using var response = await Service.GetAsync(path, OperatorService.Bearer(Token));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path} answered {response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(GuardedPaths))]
    public async Task GuardedPath_WithBasicAnyUserAndTokenAsPassword_IsServed(string path)
    {
        using var response = await Service.GetAsync(path, OperatorService.Basic("any-operator", Token));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path} answered {response.StatusCode}");
    }

    [Fact]
    public async Task Api_PostWithoutCredentials_Is401()
    {
        using var response = await Service.Http.PostAsync("api/models", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic dXNlcm5hbWVvbmx5")] // "usernameonly": no colon
    [InlineData("Digest username=\"x\"")]
    [InlineData("Bearer")]
    [InlineData("garbage")]
    public async Task Api_WithMalformedAuthorization_Is401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/models");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithBasicWrongPassword_Is401()
    {
        using var response = await Service.GetAsync("api/models", OperatorService.Basic(Token, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithTokenThatOnlyStartsLikeTheAdminToken_Is401()
    {
        using var prefix = await Service.GetAsync("api/models", OperatorService.Bearer(Token[..^1]));
        using var longer = await Service.GetAsync("api/models", OperatorService.Bearer(Token + "x"));
        using var otherCase = await Service.GetAsync("api/models", OperatorService.Bearer(Token.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Unauthorized, prefix.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, longer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherCase.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutCredentials_ChallengesBearerWithProblemDetails()
    {
        using var response = await Service.GetAsync("api/models", null);

        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("realm=\"ci-adapter\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(401, problem["status"]!.GetValue<int>());
        Assert.Contains("no credentials", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithWrongToken_SaysInvalidTokenWithoutEchoingIt()
    {
        const string wrong = "wrong-token-that-must-not-be-echoed";
        using var response = await Service.GetAsync("api/models", OperatorService.Bearer(wrong));

        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithoutCredentials_ChallengesBasicSoABrowserAsks()
    {
        using var response = await Service.GetAsync("dashboard/", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Contains("realm=\"ci-adapter\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithBasicCredentials_ServesTheDashboardPage()
    {
        using var response = await Service.GetAsync("dashboard/", OperatorService.Basic("operator", Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Orleans Dashboard", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OpenPaths))]
    public async Task OpenPath_WithoutCredentials_IsServed(string path)
    {
        using var response = await Service.GetAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OpenPaths))]
    public async Task OpenPath_WithWrongCredentials_IsStillServed(string path)
    {
        using var response = await Service.GetAsync(path, new AuthenticationHeaderValue("Bearer", "whatever"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
