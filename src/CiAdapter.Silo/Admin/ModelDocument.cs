namespace CiAdapter.Silo.Admin;

/// <summary>A model's full state, as <c>GET /api/models/{group}/{name}</c> answers it (snake_case on the wire).</summary>
internal sealed record ModelDocument(
    string ModelId,
    string GroupName,
    string ModelName,
    string? ModelUrl,
    string Status,
    int Version,
    string LastUpdated,
    CiTaskDocument? CiTask);
