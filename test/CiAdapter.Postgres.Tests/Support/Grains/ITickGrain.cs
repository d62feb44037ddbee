namespace CiAdapter.Postgres.Tests.Support.Grains;

/// <summary>Counts the ticks of a reminder in persistent state.</summary>
[Alias("postgres-tests.ITickGrain")]
public interface ITickGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task StartTickingAsync(TimeSpan period);

    /// <summary>The number of ticks stored so far, read from storage.</summary>
    [Alias("Read")]
    Task<int> ReadTicksAsync();
}
