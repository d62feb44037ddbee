using System.Globalization;
using CiAdapter.Silo.Tests.Admin;
using CiAdapter.Testing.Orleans;
using Microsoft.Playwright;

namespace CiAdapter.Silo.Tests.Browser;

/// <summary>The Orleans dashboard in a real browser (Debian's Chromium), through the admin token's Basic challenge.</summary>
[Collection(OperatorSurfaceCollection.Name)]
public sealed class DashboardBrowserTests(OperatorServiceFixture fixture) : IAsyncLifetime
{
    private const string ModelGrainLink = "a[href='#/grain/CiAdapter.Certification.ModelGrain']";
    private static readonly float Deadline = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    private DashboardBrowser? _browser;

    private OperatorService Service => fixture.Service;

    private DashboardBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync() => _browser = await DashboardBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dashboard_WithBasicCredentials_ListsTheModelGrainTypeAfterAModelWasActivated()
    {
        await Service.CertifyAsync(TestEvents.NewModelId("browsed"));
        var page = await Browser.OpenPageAsync(OperatorServiceFixture.AdminToken);

        var response = await page.GotoAsync(DashboardUrl("#/grains"));

        Assert.Equal(200, response!.Status);
        Assert.Equal("Orleans Dashboard", await page.TitleAsync());
        var link = page.Locator(ModelGrainLink).First;
        await link.WaitForAsync(new() { Timeout = Deadline });
        Assert.Equal("ModelGrain", (await link.InnerTextAsync()).Trim());
        var activations = await link.Locator("xpath=ancestor::tr").Locator("td").Nth(2).InnerTextAsync();
        Assert.True(int.Parse(activations.Trim(), NumberStyles.None, CultureInfo.InvariantCulture) >= 1, $"ModelGrain activations: {activations}");
        await SaveScreenshotAsync(page, "dashboard-grains.png");
    }

    [Fact]
    public async Task Dashboard_SilosPage_ShowsTheActiveSilo()
    {
        var page = await Browser.OpenPageAsync(OperatorServiceFixture.AdminToken);

        await page.GotoAsync(DashboardUrl("#/silos"));

        await page.GetByText("Active", new() { Exact = true }).First.WaitForAsync(new() { Timeout = Deadline });
        await SaveScreenshotAsync(page, "dashboard-silos.png");
    }

    [Fact]
    public async Task Dashboard_WithoutCredentials_MakesTheBrowserAskForThem()
    {
        var page = await Browser.OpenPageAsync(adminToken: null);

        // A headless browser cannot show the Basic prompt, so it gives up on the navigation instead.
        var refused = await Assert.ThrowsAsync<PlaywrightException>(() => page.GotoAsync(DashboardUrl("")));

        Assert.Contains("ERR_INVALID_AUTH_CREDENTIALS", refused.Message, StringComparison.Ordinal);
        Assert.NotEqual("Orleans Dashboard", await page.TitleAsync());
    }

    [Fact]
    public async Task Dashboard_WithAWrongToken_ShowsNoDashboard()
    {
        var page = await Browser.OpenPageAsync("not-the-admin-token");

        var response = await page.GotoAsync(DashboardUrl(""));

        Assert.Equal(401, response!.Status);
    }

    private string DashboardUrl(string fragment) => new Uri(Service.Service.BaseAddress, "dashboard/" + fragment).ToString();

    /// <summary>Kept beside the test binaries for a person to look at when a check fails.</summary>
    private static async Task SaveScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", name) });
}
