namespace CiAdapter.Silo.Admin;

/// <summary>The CodeArts task of a model's current round.</summary>
internal sealed record CiTaskDocument(string TaskId, string? Status, string? ReportUrl);
