using CiAdapter.Models;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace CiAdapter.Kafka.Tests.Providers.Support;

/// <summary>
/// A model grain stand-in: implicitly subscribed to its model's stream, it records each event in
/// <see cref="AppliedLog"/> (its "durable state") once, de-duplicating redeliveries by event id,
/// and can be told to fail or be slow (<see cref="GrainBehavior"/>).
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class RecordingGrain : Grain, IRecordingGrain, IStreamSubscriptionObserver, IAsyncObserver<ModelEvent>
{
    /// <summary>Its own namespace: the product's ModelGrain, also loaded here, subscribes to the product's.</summary>
    public const string Namespace = "kafka-provider-tests";

    private readonly HashSet<string> _seen = [];

    public Task<int> AppliedCountAsync() => Task.FromResult(_seen.Count);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<ModelEvent>().ResumeAsync(this);
    }

    public async Task OnNextAsync(ModelEvent item, StreamSequenceToken? token = null)
    {
        await GrainBehavior.BeforeApplyAsync(item.ModelId);
        var position = item.Position ?? throw new InvalidOperationException("Kafka events carry their position.");
        AppliedLog.Record(position.Topic, new AppliedEvent(item.ModelId, item.EventId, position.Partition, position.Offset, RuntimeIdentity));
        _seen.Add(item.EventId);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
