using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CiAdapter.Simulators.Tests.Support;

/// <summary>Builds bodies the way the adapter sends them and reads answers back.</summary>
public static class TestWire
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A dispatch body as the adapter sends it: the model's info in snake_case plus model_url.</summary>
    public static StringContent DispatchBody(string modelId, string version = "1")
    {
        var slash = modelId.IndexOf('/', StringComparison.Ordinal);
        var body = new JsonObject
        {
            ["group_name"] = modelId[..slash],
            ["model_name"] = modelId[(slash + 1)..],
            ["model_id"] = modelId,
            ["version"] = version,
            ["test_status"] = "pending",
            ["last_updated"] = "2026-12-04T10:00:00Z",
            ["ci_task"] = new JsonObject(),
            ["model_url"] = $"https://models.example/{modelId}",
        };
        return Json(body.ToJsonString());
    }

    public static StringContent StatusUpdate(params (string ModelId, string Status)[] statuses)
    {
        var array = new JsonArray();
        foreach (var (modelId, status) in statuses)
        {
            array.Add(new JsonObject { ["model_id"] = modelId, ["status"] = status });
        }

        return Json(new JsonObject { ["statuses"] = array }.ToJsonString());
    }

    public static HttpClient Client(Uri baseAddress, string? token = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
