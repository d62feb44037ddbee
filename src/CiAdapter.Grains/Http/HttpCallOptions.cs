namespace CiAdapter.Http;

/// <summary>Timeouts and retries shared by the CodeArts and backend clients.</summary>
public abstract class HttpCallOptions
{
    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call may take, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a transient failure within one call; the next period retries again.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
