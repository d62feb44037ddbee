namespace CiAdapter.Postgres.Tests.Support.Grains;

/// <summary>Keeps one text in persistent state; implemented by several grain types.</summary>
[Alias("postgres-tests.ITextGrain")]
public interface ITextGrain : IGrainWithStringKey
{
    [Alias("Set")]
    Task SetAsync(string text);

    /// <summary>The stored text, read from storage (not from the activation's memory).</summary>
    [Alias("Read")]
    Task<string?> ReadAsync();

    [Alias("Clear")]
    Task ClearAsync();
}
