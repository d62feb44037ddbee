namespace CiAdapter.Silo.Admin;

/// <summary>One model in a listing: what the index keeps, so listing never wakes a model's grain.</summary>
internal sealed record ModelListItem(string ModelId, string Status, int Version, string LastUpdated);
