using System.Net;
using System.Text.Json.Nodes;
using CiAdapter.Models;
using CiAdapter.Silo.Admin;

namespace CiAdapter.Silo.Tests.Admin;

/// <summary><c>GET /api/models</c> and <c>/api/models/summary</c>: listings and counts from the index shards.</summary>
[Collection(OperatorSurfaceCollection.Name)]
public sealed class AdminApiListingTests(OperatorServiceFixture fixture)
{
    private OperatorService Service => fixture.Service;

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("status=", "status")]
    [InlineData("status=running&status=failed", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=1e2", "limit")]
    [InlineData("after=***", "after")]
    [InlineData("after=bm90LWEtY3Vyc29y", "after")] // base64url of "not-a-cursor": no version
    [InlineData("after=MTo", "after")] // "1:" with no model id
    public async Task List_BadParameter_Is400NamingIt(string query, string parameter)
    {
        using var response = await Service.GetAsAdminAsync($"api/models?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.StartsWith(parameter, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?limit=1")]
    [InlineData("?limit=1000&status=SUCCESS")]
    public async Task List_GoodParameters_Is200(string query)
    {
        using var response = await Service.GetAsAdminAsync($"api/models{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_WalkingTheCursor_ReturnsEveryModelExactlyOnceInOrder()
    {
        var prefix = $"walk-{Guid.NewGuid():N}";
        var seeded = await IndexSeed.AddAsync(Service.Service.Services, prefix, 250, ModelStatus.Running);

        var walked = await WalkAsync("status=running&limit=7");

        Assert.Equal(walked.Count, walked.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(walked.Order(StringComparer.Ordinal), walked);
        Assert.Equal(seeded, walked.Where(id => id.StartsWith(prefix + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task List_ByStatus_ReturnsOnlyThatStatusWithIndexFields()
    {
        var prefix = $"status-{Guid.NewGuid():N}";
        var failed = await IndexSeed.AddAsync(Service.Service.Services, prefix + "-f", 5, ModelStatus.Failed);
        await IndexSeed.AddAsync(Service.Service.Services, prefix + "-p", 5, ModelStatus.Pending);

        var page = await GetPageAsync("api/models?status=failed&limit=1000");

        var models = page["models"]!.AsArray();
        Assert.All(models, m => Assert.Equal("failed", m!["status"]!.GetValue<string>()));
        Assert.Superset(failed.ToHashSet(), models.Select(m => m!["model_id"]!.GetValue<string>()).ToHashSet());
        var first = models.First(m => m!["model_id"]!.GetValue<string>() == failed[0])!;
        Assert.Equal(1, first["version"]!.GetValue<int>());
        Assert.EndsWith("Z", first["last_updated"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_LastPage_HasNoNextCursor()
    {
        var page = await GetPageAsync($"api/models?after={ListingCursor.Encode("\uFFFF")}");

        Assert.Empty(page["models"]!.AsArray());
        Assert.Null(page["next"]);
    }

    [Fact]
    public async Task List_ThousandsOfIndexedModels_DoesNotActivateModelGrains()
    {
        var prefix = $"quiet-{Guid.NewGuid():N}";
        await IndexSeed.AddAsync(Service.Service.Services, prefix, 3000, ModelStatus.Success);
        await Service.CertifyAsync(Testing.Orleans.TestEvents.NewModelId("active"));
        var before = await ModelGrainActivationsAsync();
        Assert.True(before >= 1, "the activation count sees the certified model's grain");

        var walked = await WalkAsync("status=success&limit=1000");

        Assert.True(walked.Count(id => id.StartsWith(prefix, StringComparison.Ordinal)) == 3000, "every seeded model is listed");
        Assert.True(await ModelGrainActivationsAsync() <= before, "listing activated model grains");
    }

    [Fact]
    public async Task Summary_CountsModelsByStatus()
    {
        var before = await GetPageAsync("api/models/summary");
        await IndexSeed.AddAsync(Service.Service.Services, $"sum-{Guid.NewGuid():N}", 40, ModelStatus.Pending);

        var after = await GetPageAsync("api/models/summary");

        Assert.Equal(before["total"]!.GetValue<int>() + 40, after["total"]!.GetValue<int>());
        var byStatus = after["by_status"]!.AsObject();
        Assert.Equal(["pending", "running", "success", "failed"], byStatus.Select(p => p.Key));
        Assert.Equal(after["total"]!.GetValue<int>(), byStatus.Sum(p => p.Value!.GetValue<int>()));
        Assert.True(byStatus["pending"]!.GetValue<int>() >= 40);
    }

    private async Task<List<string>> WalkAsync(string query)
    {
        var ids = new List<string>();
        string? next = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await GetPageAsync($"api/models?{query}{(next is null ? "" : "&after=" + next)}");
            ids.AddRange(page["models"]!.AsArray().Select(m => m!["model_id"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
            if (next is null)
            {
                return ids;
            }
        }

        throw new InvalidOperationException("The listing never ended.");
    }

    private async Task<JsonNode> GetPageAsync(string path)
    {
        using var response = await Service.GetAsAdminAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<int> ModelGrainActivationsAsync()
    {
        var management = Service.Service.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.StartsWith("CiAdapter.Certification.ModelGrain,", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
