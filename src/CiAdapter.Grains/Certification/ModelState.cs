using CiAdapter.Models;

namespace CiAdapter.Certification;

/// <summary>
/// A model grain's durable state. After a delete the record stays as a tombstone
/// (<see cref="Exists"/> false) that keeps only what protects against replays: the round number and
/// the recent event ids, so a redelivered initiate of a deleted model does not start a CI run again.
/// </summary>
[GenerateSerializer, Alias("ci.ModelState")]
internal sealed class ModelState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public string GroupName { get; set; } = "";

    [Id(2)] public string ModelName { get; set; } = "";

    [Id(3)] public string? ModelUrl { get; set; }

    [Id(4)] public ModelStatus Status { get; set; }

    /// <summary>The certification round; survives a delete so that rounds only move forward.</summary>
    [Id(5)] public int Version { get; set; }

    [Id(6)] public DateTimeOffset LastUpdated { get; set; }

    [Id(7)] public CiTask? CiTask { get; set; }

    /// <summary>When the current round's task was dispatched (for the CI latency metric).</summary>
    [Id(8)] public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>Grows with every change; lets the index ignore reports that arrive out of order.</summary>
    [Id(9)] public long Revision { get; set; }

    /// <summary>Ids of the most recent events applied, oldest first.</summary>
    [Id(10)] public List<string> RecentEventIds { get; set; } = [];

    /// <summary>The Kafka record last applied, for operators tracing an event.</summary>
    [Id(11)] public EventPosition? LastPosition { get; set; }
}
