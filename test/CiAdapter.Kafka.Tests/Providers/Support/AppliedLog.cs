using System.Collections.Concurrent;

namespace CiAdapter.Kafka.Tests.Providers.Support;

/// <summary>
/// What the test grains applied, per topic, kept outside the silos so that it survives a killed
/// silo (it plays the part of the grains' durable state). Every test uses its own topic.
/// </summary>
public static class AppliedLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<AppliedEvent>> ByTopic = new();

    public static void Record(string topic, AppliedEvent applied) => ByTopic.GetOrAdd(topic, _ => new()).Enqueue(applied);

    /// <summary>Every successful application, duplicates (redeliveries) included, in the order they happened.</summary>
    public static IReadOnlyList<AppliedEvent> All(string topic) =>
        ByTopic.TryGetValue(topic, out var queue) ? [.. queue] : [];

    /// <summary>Distinct (partition, offset) positions applied at least once.</summary>
    public static HashSet<(int Partition, long Offset)> Positions(string topic) =>
        [.. All(topic).Select(a => (a.Partition, a.Offset))];

    public static int DistinctCount(string topic) => Positions(topic).Count;
}
