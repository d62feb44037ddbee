using Microsoft.Playwright;

namespace CiAdapter.Silo.Tests.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Playwright for .NET, whose driver ships in
/// the NuGet package. Playwright's own browser builds are never downloaded.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (apt-get install -y chromium).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
            return new DashboardBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page that answers the dashboard's Basic challenge with any user name and the admin token.</summary>
    public async Task<IPage> OpenPageAsync(string? adminToken)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = adminToken is null ? null : new HttpCredentials { Username = "operator", Password = adminToken },
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
