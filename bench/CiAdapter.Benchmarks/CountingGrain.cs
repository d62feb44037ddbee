using CiAdapter.Models;
using CiAdapter.Streams;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace CiAdapter.Benchmarks;

/// <summary>A trivial model grain: counts the events it is handed, nothing else.</summary>
[ImplicitStreamSubscription(ModelStreams.Namespace)]
internal sealed class CountingGrain : Grain, ICountingGrain, IStreamSubscriptionObserver, IAsyncObserver<ModelEvent>
{
    private static long _applied;

    public static long Applied => Interlocked.Read(ref _applied);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<ModelEvent>().ResumeAsync(this);

    public Task OnNextAsync(ModelEvent item, StreamSequenceToken? token = null)
    {
        Interlocked.Increment(ref _applied);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
