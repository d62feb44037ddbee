using CiAdapter.Silo.Auth;

namespace CiAdapter.Silo.Tests.Auth;

public sealed class AdminTokenTests
{
    [Theory]
    [InlineData("s3cret", "s3cret", true)]
    [InlineData("s3cret", "s3cre", false)]
    [InlineData("s3cret", "s3cret ", false)]
    [InlineData("s3cret", "S3CRET", false)]
    [InlineData("s3cret", "", false)]
    [InlineData("tökén:with:colons", "tökén:with:colons", true)]
    public void Matches_PresentedToken_OnlyWhenExactlyEqual(string configured, string presented, bool expected) =>
        Assert.Equal(expected, new AdminToken(configured).Matches(presented));

    [Fact]
    public void ToString_NeverShowsTheToken() =>
        Assert.DoesNotContain("s3cret", new AdminToken("s3cret").ToString(), StringComparison.Ordinal);

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("Basic dXNlcjphOmI6Yw==", "a:b:c")] // user:a:b:c — the password keeps its colons
    [InlineData("Basic OnRva2Vu", "token")] // empty user name
    [InlineData("BASIC dTp0w7Zrw6lu", "tökén")] // UTF-8 password
    public void TryRead_BearerOrBasic_GivesThePresentedSecret(string header, string expected)
    {
        Assert.True(AdminCredentials.TryRead(header, out var secret, out _));
        Assert.Equal(expected, secret);
    }

    [Theory]
    [InlineData("Basic not*base64")]
    [InlineData("Basic dXNlcm5hbWVvbmx5")]
    [InlineData("Basic //79")] // not UTF-8
    [InlineData("Negotiate abc")]
    [InlineData("Bearer")]
    [InlineData("")]
    public void TryRead_UnusableHeader_SaysWhy(string header)
    {
        Assert.False(AdminCredentials.TryRead(header, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }
}
