using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CiAdapter.Simulators.Hosting;
using CiAdapter.Simulators.Wire;

namespace CiAdapter.Testing.Service;

/// <summary>Backend state and CodeArts tasks as an earlier incarnation of the service would have left them.</summary>
public static class BackendModels
{
    public static ModelInfo Model(string modelId, string status, int version, string? taskId = null, DateTimeOffset? lastUpdated = null)
    {
        var slash = modelId.IndexOf('/', StringComparison.Ordinal);
        return new ModelInfo
        {
            ModelId = modelId,
            GroupName = slash < 0 ? "" : modelId[..slash],
            ModelName = slash < 0 ? modelId : modelId[(slash + 1)..],
            Version = version.ToString(CultureInfo.InvariantCulture),
            TestStatus = status,
            LastUpdated = (lastUpdated ?? DateTimeOffset.UtcNow.AddHours(-1)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ModelUrl = $"https://models.example/{modelId}",
            CiTask = taskId is null ? new CiTaskInfo() : new CiTaskInfo { TaskId = taskId, ModelId = modelId, Status = status },
        };
    }

    /// <summary>Dispatches a task straight at the CodeArts simulator, as if the service had done it before a restart.</summary>
    public static async Task<string> StartTaskAsync(SimulatorServer simulators, string modelId, string token, int version)
    {
        ArgumentNullException.ThrowIfNull(simulators);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{simulators.CodeArtsBaseUrl}/dispatch")
        {
            Content = JsonContent.Create(new { model_id = modelId, version = version.ToString(CultureInfo.InvariantCulture), test_status = "pending" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body?["task_id"]?.GetValue<string>() ?? throw new InvalidOperationException("CodeArts answered without a task id");
    }
}
