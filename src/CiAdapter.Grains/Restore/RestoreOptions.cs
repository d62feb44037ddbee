namespace CiAdapter.Restore;

/// <summary>How the start-up restore waits for the backend and how hard it drives the grains.</summary>
public sealed class RestoreOptions
{
    /// <summary>How long the backend may stay unreachable before the silo gives up and exits (RESTORE_TIMEOUT).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait between attempts; later waits double up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Model grains restored at once.</summary>
    public int Parallelism { get; set; } = 64;
}
