using System.Diagnostics;

namespace CiAdapter.Testing.Kafka;

/// <summary>Waits on a condition with a deadline; a test asserts on the outcome, never on elapsed time.</summary>
public static class Wait
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, because);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {because}.");
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>Asserts that <paramref name="condition"/> holds during the whole of <paramref name="period"/>.</summary>
    public static async Task HoldsForAsync(Func<bool> condition, TimeSpan period, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < period)
        {
            if (!condition())
            {
                throw new InvalidOperationException($"Expected that {because} for {period.TotalSeconds:0.#} s, but it stopped holding after {clock.Elapsed.TotalSeconds:0.#} s.");
            }

            await Task.Delay(Poll);
        }
    }
}
