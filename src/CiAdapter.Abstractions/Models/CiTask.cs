namespace CiAdapter.Models;

/// <summary>The CodeArts task that runs a model's current certification round.</summary>
[GenerateSerializer, Immutable, Alias("ci.CiTask")]
public sealed record CiTask(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string? Status,
    [property: Id(2)] string? ReportUrl);
