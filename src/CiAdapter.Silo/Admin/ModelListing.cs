using CiAdapter.Index;

namespace CiAdapter.Silo.Admin;

/// <summary>One page merged from every index shard; <see cref="LastModelId"/> is set when more models follow.</summary>
internal sealed record ModelListing(IReadOnlyList<ModelIndexEntry> Entries, string? LastModelId);
