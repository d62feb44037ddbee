using System.Net;
using System.Text;
using CiAdapter.Silo.Tests.Admin;
using CiAdapter.Testing.Orleans;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Silo.Tests.Logging;

/// <summary>No secret reaches the logs, whatever the service does with it.</summary>
[Collection(OperatorSurfaceCollection.Name)]
public sealed class SecretRedactionTests
{
    private const string AdminToken = "admin-secret-Zr4q8Lw1";
    private const string WrongToken = "guessed-secret-Mm2v9Xc5";

    [Fact]
    public async Task FullFlow_InProductionWithBothTokens_NeverLogsEitherToken()
    {
        var logs = new LogCapture();
        await using (var service = await OperatorService.StartAsync(AdminToken, configure: b =>
        {
            b.Logging.AddProvider(logs);

            // As verbose as an operator could turn it: HttpClient logs request headers at Trace.
            b.Logging.AddFilter<LogCapture>(null, LogLevel.Information);
            b.Logging.AddFilter<LogCapture>("CiAdapter", LogLevel.Trace);
            b.Logging.AddFilter<LogCapture>("System.Net.Http.HttpClient", LogLevel.Trace);
            b.Logging.AddFilter<LogCapture>("Microsoft.Extensions.Http", LogLevel.Trace);
            b.Logging.AddFilter<LogCapture>("Polly", LogLevel.Trace);
            b.Logging.AddFilter<LogCapture>("Microsoft.AspNetCore", LogLevel.Debug);
        }))
        {
            var modelId = TestEvents.NewModelId("secretive");
            await service.CertifyAsync(modelId);

            using var bearer = await service.GetAsync($"api/models/{modelId}", OperatorService.Bearer(AdminToken));
            using var basic = await service.GetAsync("api/models?status=success", OperatorService.Basic("operator", AdminToken));
            using var dashboard = await service.GetAsync("dashboard/", OperatorService.Basic("operator", AdminToken));
            using var refused = await service.GetAsync("api/models", OperatorService.Bearer(WrongToken));
            using var refusedBasic = await service.GetAsync("dashboard/", OperatorService.Basic("operator", WrongToken));
            Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
            Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, refusedBasic.StatusCode);
        }

        var entries = logs.Entries;

        // The flow was logged in detail, including the CodeArts requests' headers (redacted).
        Assert.Contains(entries, e => e.Message.Contains("Authorization: *", StringComparison.Ordinal)
            && e.Category.StartsWith("System.Net.Http.HttpClient.codearts", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EventId == 4002 && e.Message.Contains("not the admin token", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.Contains("success", StringComparison.OrdinalIgnoreCase) && e.Category.StartsWith("CiAdapter", StringComparison.Ordinal));

        string[] secrets =
        [
            OperatorService.CiToken,
            AdminToken,
            WrongToken,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{AdminToken}")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{WrongToken}")),
        ];
        foreach (var entry in entries)
        {
            foreach (var secret in secrets)
            {
                Assert.False(
                    entry.AllText.Contains(secret, StringComparison.Ordinal),
                    $"a secret was logged by {entry.Category} (event {entry.EventId})");
            }
        }
    }
}
