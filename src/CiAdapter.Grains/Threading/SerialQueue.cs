namespace CiAdapter.Threading;

/// <summary>
/// Runs asynchronous steps one after another, in call order, on the caller's scheduler. A grain
/// whose timer interleaves with its requests uses it so that two writes of its state never overlap.
/// </summary>
internal sealed class SerialQueue
{
    private Task _tail = Task.CompletedTask;

    public Task RunAsync(Func<Task> step)
    {
        var run = RunAfterAsync(_tail, step);
        _tail = run;
        return run;
    }

    private static async Task RunAfterAsync(Task previous, Func<Task> step)
    {
        // A failed step was reported to its own caller; the next one still runs.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        await step();
    }
}
