using System.Collections.Concurrent;

namespace CiAdapter.Kafka.Tests.Providers.Support;

/// <summary>Tells the test grains of chosen models to fail, to be slow, or to block until released.</summary>
public static class GrainBehavior
{
    private static readonly ConcurrentDictionary<string, Func<Task>> Behaviors = new();

    public static void AlwaysFail(string modelId) =>
        Behaviors[modelId] = () => throw new InvalidOperationException($"Model {modelId} refuses every event (test).");

    public static void Delay(string modelId, TimeSpan delay) => Behaviors[modelId] = () => Task.Delay(delay);

    /// <summary>The model's grain blocks on every event until the returned source is completed.</summary>
    public static TaskCompletionSource Block(string modelId)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Behaviors[modelId] = () => gate.Task;
        return gate;
    }

    public static Task BeforeApplyAsync(string modelId) =>
        Behaviors.TryGetValue(modelId, out var behavior) ? behavior() : Task.CompletedTask;
}
