namespace CiAdapter.Silo.Admin;

/// <summary><c>GET /api/models/summary</c>: how many models the service knows, by status.</summary>
internal sealed record ModelSummaryDocument(int Total, IReadOnlyDictionary<string, int> ByStatus);
