namespace CiAdapter.Silo.Admin;

/// <summary>A page of <c>GET /api/models</c>; <see cref="Next"/> is the <c>after</c> cursor of the next page, null on the last.</summary>
internal sealed record ModelListDocument(IReadOnlyList<ModelListItem> Models, string? Next);
