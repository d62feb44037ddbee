using System.Text.Json.Serialization;

namespace CiAdapter.Simulators.Wire;

/// <summary>
/// A CodeArts task as it travels on the wire: the answer to dispatch and status calls, and the
/// <c>ci_task</c> member of a model's info.
/// </summary>
public sealed record CiTaskInfo
{
    [JsonPropertyName("task_id")]
    public string? TaskId { get; init; }

    [JsonPropertyName("model_id")]
    public string? ModelId { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("report_url")]
    public string? ReportUrl { get; init; }
}
