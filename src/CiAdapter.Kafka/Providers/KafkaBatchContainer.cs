using CiAdapter.Models;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>One Kafka record's event on its model's stream; the token is the record's offset.</summary>
[GenerateSerializer, Immutable, Alias("ci.kafka.KafkaBatchContainer")]
internal sealed class KafkaBatchContainer(StreamId streamId, ModelEvent modelEvent, EventSequenceTokenV2 token) : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public ModelEvent Event { get; } = modelEvent;

    [Id(2)]
    public EventSequenceTokenV2 Token { get; } = token;

    public StreamSequenceToken SequenceToken => Token;

    public long Offset => Token.SequenceNumber;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Event is T item ? [Tuple.Create(item, (StreamSequenceToken)Token)] : [];

    public bool ImportRequestContext() => false;

    public override string ToString() => $"[KafkaBatchContainer:Stream={StreamId},Offset={Offset}]";
}
