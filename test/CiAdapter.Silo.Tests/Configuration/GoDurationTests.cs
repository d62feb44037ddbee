using CiAdapter.Silo.Configuration;

namespace CiAdapter.Silo.Tests.Configuration;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("10m", 600_000)]
    [InlineData("5m", 300_000)]
    [InlineData("20m", 1_200_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2s", 2_000)]
    [InlineData("1s", 1_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("1m30.5s", 90_500)]
    [InlineData("250000us", 250)]
    [InlineData("0", 0)]
    [InlineData(" 3s ", 3_000)]
    public void TryParse_GoSyntax_GivesDuration(string text, long milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Fact]
    public void TryParse_Nanoseconds_RoundsToTicks()
    {
        Assert.True(GoDuration.TryParse("1500ns", out var value));
        Assert.Equal(15, value.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("m")]
    [InlineData("1h30")]
    [InlineData("ten minutes")]
    [InlineData("10 m")]
    [InlineData("1d")]
    [InlineData("PT10M")]
    [InlineData("00:10:00")]
    public void TryParse_NotGoSyntax_Fails(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(500, "500ms")]
    [InlineData(2_000, "2s")]
    [InlineData(0, "0s")]
    public void Format_WholeUnits_RoundTrips(long milliseconds, string expected)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(expected, GoDuration.Format(value));
        Assert.Equal(value, GoDuration.Parse(expected));
    }
}
