using System.Globalization;
using CiAdapter.Models;

namespace CiAdapter.Wire;

/// <summary>Translates between the wire's <c>ModelInfo</c> and the service's model snapshot.</summary>
internal static class ModelInfoMapping
{
    public static ModelInfoWire ToWire(ModelSnapshot model) => new()
    {
        GroupName = model.GroupName,
        ModelName = model.ModelName,
        ModelId = model.ModelId,
        Version = model.Version.ToString(CultureInfo.InvariantCulture),
        TestStatus = model.Status.ToWire(),
        LastUpdated = FormatTimestamp(model.LastUpdated),
        CiTask = model.CiTask is { } task
            ? new CiTaskWire { TaskId = task.TaskId, ModelId = model.ModelId, Status = task.Status, ReportUrl = task.ReportUrl }
            : new CiTaskWire(),
        ModelUrl = model.ModelUrl,
    };

    /// <summary>RFC 3339 in UTC with a trailing <c>Z</c>, as the seed writes it.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads one model of the backend's state. Returns null with a reason when the entry cannot be
    /// used; the key of the backend's map wins over the body's <c>model_id</c>.
    /// </summary>
    public static ModelSnapshot? FromBackend(string key, ModelInfoWire? wire, out string? problem)
    {
        problem = null;
        var modelId = string.IsNullOrWhiteSpace(key) ? wire?.ModelId : key;
        if (ModelIds.Validate(modelId) is { } invalid)
        {
            problem = invalid;
            return null;
        }

        if (wire is null)
        {
            problem = "the entry is null";
            return null;
        }

        if (!ModelStatusNames.TryParse(wire.TestStatus, out var status))
        {
            problem = $"test_status '{wire.TestStatus}' is not pending, running, success or failed";
            return null;
        }

        var version = 0;
        if (!string.IsNullOrWhiteSpace(wire.Version)
            && !int.TryParse(wire.Version, NumberStyles.Integer, CultureInfo.InvariantCulture, out version))
        {
            problem = $"version '{wire.Version}' is not a whole number";
            return null;
        }

        var lastUpdated = DateTimeOffset.MinValue;
        if (!string.IsNullOrWhiteSpace(wire.LastUpdated)
            && !DateTimeOffset.TryParse(wire.LastUpdated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out lastUpdated))
        {
            problem = $"last_updated '{wire.LastUpdated}' is not an RFC 3339 timestamp";
            return null;
        }

        var (group, name) = SplitModelId(modelId!);
        var task = wire.CiTask is { TaskId: { Length: > 0 } taskId }
            ? new CiTask(taskId, wire.CiTask.Status, wire.CiTask.ReportUrl)
            : null;
        return new ModelSnapshot
        {
            ModelId = modelId!,
            GroupName = string.IsNullOrEmpty(wire.GroupName) ? group : wire.GroupName,
            ModelName = string.IsNullOrEmpty(wire.ModelName) ? name : wire.ModelName,
            ModelUrl = wire.ModelUrl,
            Status = status.Value,
            Version = version,
            LastUpdated = lastUpdated.ToUniversalTime(),
            CiTask = task,
        };
    }

    public static (string Group, string Name) SplitModelId(string modelId)
    {
        var slash = modelId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", modelId) : (modelId[..slash], modelId[(slash + 1)..]);
    }
}
