namespace CiAdapter.Simulators.Recording;

/// <summary>
/// Wakes waiters whenever a simulator records something, so test helpers wait on the recorded
/// events themselves rather than on sleeps.
/// </summary>
internal sealed class ChangeFeed
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// Returns the first value <paramref name="probe"/> finds, probing again after every change;
    /// throws <see cref="TimeoutException"/> with <paramref name="describe"/>'s account of what was
    /// seen when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<T> WaitAsync<T>(
        Func<(bool Found, T Value)> probe,
        TimeSpan timeout,
        Func<string> describe,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            // Taken before probing: a change between the probe and the await still wakes us.
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            var (found, value) = probe();
            if (found)
            {
                return value;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var (foundLast, valueLast) = probe();
                if (foundLast)
                {
                    return valueLast;
                }

                throw new TimeoutException($"Not seen within {timeout}: {describe()}");
            }
        }
    }
}
