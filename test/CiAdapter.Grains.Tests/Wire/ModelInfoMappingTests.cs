using System.Text.Json;
using CiAdapter.Models;
using CiAdapter.Wire;

namespace CiAdapter.Grains.Tests.Wire;

public sealed class ModelInfoMappingTests
{
    [Fact]
    public void FromBackend_SeedShapedEntry_ReadsEveryField()
    {
        var wire = Deserialize("""
            {"group_name":"ai-group","model_name":"llama-7b","model_id":"ai-group/llama-7b","version":"3",
             "test_status":"running","last_updated":"2026-12-04T10:00:00Z",
             "ci_task":{"task_id":"t-1","model_id":"ai-group/llama-7b","status":"running","report_url":"https://r/1"},
             "model_url":"https://models/ai-group/llama-7b","unknown_field":{"nested":true}}
            """);

        var model = ModelInfoMapping.FromBackend("ai-group/llama-7b", wire, out var problem);

        Assert.Null(problem);
        Assert.NotNull(model);
        Assert.Equal("ai-group/llama-7b", model.ModelId);
        Assert.Equal("ai-group", model.GroupName);
        Assert.Equal("llama-7b", model.ModelName);
        Assert.Equal(ModelStatus.Running, model.Status);
        Assert.Equal(3, model.Version);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero), model.LastUpdated);
        Assert.Equal(new CiTask("t-1", "running", "https://r/1"), model.CiTask);
        Assert.Equal("https://models/ai-group/llama-7b", model.ModelUrl);
    }

    [Fact]
    public void FromBackend_VersionAsNumberAndEmptyTask_Accepted()
    {
        var wire = Deserialize("""{"version":7,"test_status":"pending","ci_task":{}}""");

        var model = ModelInfoMapping.FromBackend("g/m", wire, out _);

        Assert.NotNull(model);
        Assert.Equal(7, model.Version);
        Assert.Null(model.CiTask);
        Assert.Equal(("g", "m"), (model.GroupName, model.ModelName));
    }

    [Theory]
    [InlineData("""{"test_status":"done"}""", "test_status 'done'")]
    [InlineData("""{"test_status":"pending","version":"three"}""", "version 'three'")]
    [InlineData("""{"test_status":"pending","last_updated":"yesterday"}""", "last_updated 'yesterday'")]
    public void FromBackend_UnusableEntry_Rejected(string json, string expectedProblemStart)
    {
        var model = ModelInfoMapping.FromBackend("g/m", Deserialize(json), out var problem);

        Assert.Null(model);
        Assert.StartsWith(expectedProblemStart, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToWire_Snapshot_IsTheSeedsSnakeCaseModelInfo()
    {
        var snapshot = new ModelSnapshot
        {
            ModelId = "g/m",
            GroupName = "g",
            ModelName = "m",
            ModelUrl = "https://models/g/m",
            Status = ModelStatus.Pending,
            Version = 2,
            LastUpdated = new DateTimeOffset(2026, 12, 4, 10, 0, 0, 500, TimeSpan.Zero),
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(ModelInfoMapping.ToWire(snapshot), WireJson.Options));
        var root = json.RootElement;

        Assert.Equal("g", root.GetProperty("group_name").GetString());
        Assert.Equal("m", root.GetProperty("model_name").GetString());
        Assert.Equal("g/m", root.GetProperty("model_id").GetString());
        Assert.Equal("2", root.GetProperty("version").GetString());
        Assert.Equal("pending", root.GetProperty("test_status").GetString());
        Assert.Equal("2026-12-04T10:00:00.5Z", root.GetProperty("last_updated").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("ci_task").ValueKind);
        Assert.Equal("https://models/g/m", root.GetProperty("model_url").GetString());
    }

    private static ModelInfoWire? Deserialize(string json) => JsonSerializer.Deserialize<ModelInfoWire>(json, WireJson.Options);
}
