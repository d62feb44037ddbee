using System.Globalization;
using CiAdapter.Index;
using CiAdapter.Models;

namespace CiAdapter.Silo.Admin;

/// <summary>Maps the service's models to the admin API's documents.</summary>
internal static class ModelDocuments
{
    public static ModelDocument From(ModelSnapshot model) => new(
        model.ModelId,
        model.GroupName,
        model.ModelName,
        model.ModelUrl,
        model.Status.ToWire(),
        model.Version,
        Timestamp(model.LastUpdated),
        model.CiTask is { } task ? new CiTaskDocument(task.TaskId, task.Status, task.ReportUrl) : null);

    public static ModelListItem From(ModelIndexEntry entry) =>
        new(entry.ModelId, entry.Status.ToWire(), entry.Version, Timestamp(entry.LastUpdated));

    public static ModelSummaryDocument From(IReadOnlyDictionary<ModelStatus, int> counts) => new(
        counts.Values.Sum(),
        ModelStatusNames.All.ToDictionary(s => s.ToWire(), s => counts.GetValueOrDefault(s), StringComparer.Ordinal));

    /// <summary>RFC 3339 in UTC, as on the backend's wire.</summary>
    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
