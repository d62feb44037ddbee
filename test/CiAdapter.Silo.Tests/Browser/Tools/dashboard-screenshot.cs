#:package Microsoft.Playwright
#:property PublishAot=false

// Saves a PNG of a running service's Orleans dashboard (the README's picture), through Debian's
// Chromium; Playwright's own browsers are never downloaded. Start the local default first:
//   dotnet run --project src/CiAdapter.Silo
// then, from the repository root:
//   dotnet run test/CiAdapter.Silo.Tests/Browser/Tools/dashboard-screenshot.cs -- \
//     [--url http://127.0.0.1:8080/dashboard/] [--out docs/images/dashboard.png] [--page grains|overview|silos|reminders]
// ADMIN_TOKEN, when set, is sent as the Basic password (the local default needs none).
using Microsoft.Playwright;

var url = Option("--url") ?? "http://127.0.0.1:8080/dashboard/";
var output = Path.GetFullPath(Option("--out") ?? "docs/images/dashboard.png");
var view = Option("--page") ?? "grains";
var token = Environment.GetEnvironmentVariable("ADMIN_TOKEN");

Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
});
var context = await browser.NewContextAsync(new BrowserNewContextOptions
{
    HttpCredentials = string.IsNullOrEmpty(token) ? null : new HttpCredentials { Username = "operator", Password = token },
    ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
});
var page = await context.NewPageAsync();
var response = await page.GotoAsync($"{url.TrimEnd('/')}/#/{(view == "overview" ? "" : view)}");
if (response is null || !response.Ok)
{
    Console.Error.WriteLine($"dashboard-screenshot: {url} answered {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}; is the service running (and ADMIN_TOKEN set if it has one)?");
    return 1;
}

// The dashboard renders its menu after the first counters poll; on the grains page, wait until model grains are listed.
await page.Locator("a[href='#/grains']").First.WaitForAsync(new() { Timeout = 30_000 });
if (view == "grains")
{
    try
    {
        await page.Locator("a[href='#/grain/CiAdapter.Certification.ModelGrain']").First.WaitForAsync(new() { Timeout = 60_000 });
    }
    catch (TimeoutException)
    {
        Console.Error.WriteLine("dashboard-screenshot: no ModelGrain is active after 60 s (are sample events flowing?); saving the page as it is");
    }
}

await page.WaitForTimeoutAsync(3_000);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await page.ScreenshotAsync(new PageScreenshotOptions { Path = output });
Console.WriteLine($"dashboard-screenshot: saved {output}");
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
