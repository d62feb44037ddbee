using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CiAdapter.Models;
using CiAdapter.Testing.Orleans;

namespace CiAdapter.Silo.Tests.Admin;

/// <summary><c>GET /api/models/{group}/{name}</c>: a model's full state from its grain.</summary>
[Collection(OperatorSurfaceCollection.Name)]
public sealed class AdminApiModelTests(OperatorServiceFixture fixture)
{
    private OperatorService Service => fixture.Service;

    [Fact]
    public async Task GetModel_AfterASuccessfulRound_ReturnsItsFullState()
    {
        var modelId = TestEvents.NewModelId("llama");
        var snapshot = await Service.CertifyAsync(modelId);

        using var response = await Service.GetAsAdminAsync($"api/models/{modelId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var model = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(modelId, model["model_id"]!.GetValue<string>());
        Assert.Equal(snapshot.GroupName, model["group_name"]!.GetValue<string>());
        Assert.Equal(snapshot.ModelName, model["model_name"]!.GetValue<string>());
        Assert.Equal(snapshot.ModelUrl, model["model_url"]!.GetValue<string>());
        Assert.Equal("success", model["status"]!.GetValue<string>());
        Assert.Equal(snapshot.Version, model["version"]!.GetValue<int>());
        var lastUpdated = model["last_updated"]!.GetValue<string>();
        Assert.EndsWith("Z", lastUpdated, StringComparison.Ordinal);
        Assert.Equal(
            snapshot.LastUpdated,
            DateTimeOffset.Parse(lastUpdated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        var task = model["ci_task"]!.AsObject();
        Assert.Equal(snapshot.CiTask!.TaskId, task["task_id"]!.GetValue<string>());
        Assert.Equal("success", task["status"]!.GetValue<string>());
        Assert.Equal(snapshot.CiTask.ReportUrl, task["report_url"]?.GetValue<string>());
    }

    [Fact]
    public async Task GetModel_Pending_HasNoCiTaskYet()
    {
        // The round cannot be dispatched while CodeArts refuses, so the model stays pending.
        Service.Simulators.CodeArts.DispatchFaults.FailAlways();
        try
        {
            var modelId = TestEvents.NewModelId("waiting");
            await Service.Model(modelId).ApplyAsync(TestEvents.Initiate(modelId));

            using var response = await Service.GetAsAdminAsync($"api/models/{modelId}");

            var model = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal("pending", model["status"]!.GetValue<string>());
            Assert.True(model.ContainsKey("ci_task"));
            Assert.Null(model["ci_task"]);
        }
        finally
        {
            Service.Simulators.CodeArts.DispatchFaults.Clear();
        }
    }

    [Fact]
    public async Task GetModel_Unknown_Is404WithAReason()
    {
        using var response = await Service.GetAsAdminAsync("api/models/nobody/never-initiated");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("nobody/never-initiated", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModel_AfterDelete_Is404()
    {
        var modelId = TestEvents.NewModelId("gone");
        await Service.CertifyAsync(modelId);
        await Service.Model(modelId).ApplyAsync(TestEvents.Delete(modelId));

        using var response = await Service.GetAsAdminAsync($"api/models/{modelId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetModel_IdWithMoreSlashesAndOddCharacters_IsFoundHoweverItIsEncoded()
    {
        var modelId = $"odd group/sub/dir/ná me+100%25 #1?x=y&{Guid.NewGuid():N}";
        await Service.CertifyAsync(modelId);

        var perSegment = string.Join('/', modelId.Split('/').Select(Uri.EscapeDataString));
        var whole = Uri.EscapeDataString(modelId);
        foreach (var path in new[] { perSegment, whole })
        {
            using var response = await Service.GetAsAdminAsync($"api/models/{path}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var model = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(modelId, model["model_id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task GetModel_LiteralPercentTwoFInTheId_IsNotTakenForASlash()
    {
        var withLiteral = $"test-group/a%2Fb-{Guid.NewGuid():N}";
        var withSlash = withLiteral.Replace("%2F", "/", StringComparison.Ordinal);
        await Service.CertifyAsync(withLiteral);

        using var literal = await Service.GetAsAdminAsync($"api/models/{Uri.EscapeDataString(withLiteral)}");
        using var slash = await Service.GetAsAdminAsync($"api/models/{Uri.EscapeDataString(withSlash)}");

        Assert.Equal(HttpStatusCode.OK, literal.StatusCode);
        Assert.Equal(withLiteral, JsonNode.Parse(await literal.Content.ReadAsStringAsync())!["model_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, slash.StatusCode);
    }

    [Theory]
    [InlineData("api/models/g/bell%07")]
    [InlineData("api/models/g/new%0Aline")]
    public async Task GetModel_IdThatCannotNameAModel_Is400(string path)
    {
        using var response = await Service.GetAsAdminAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetModel_IdLongerThanAllowed_Is400()
    {
        using var response = await Service.GetAsAdminAsync($"api/models/g/{new string('x', ModelIds.MaxLength)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
