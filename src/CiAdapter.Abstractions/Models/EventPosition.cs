namespace CiAdapter.Models;

/// <summary>Where an event was read from, so a grain can recognise a redelivered record.</summary>
[GenerateSerializer, Immutable, Alias("ci.EventPosition")]
public sealed record EventPosition(
    [property: Id(0)] string Topic,
    [property: Id(1)] int Partition,
    [property: Id(2)] long Offset)
{
    public override string ToString() => $"{Topic}[{Partition}]@{Offset}";
}
