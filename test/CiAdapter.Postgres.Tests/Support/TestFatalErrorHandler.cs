using System.Collections.Concurrent;

namespace CiAdapter.Postgres.Tests.Support;

/// <summary>
/// Records what Orleans' default handler would answer with Environment.FailFast (for example a
/// silo learning that the cluster declared it dead), which would end the whole test run.
/// </summary>
internal sealed class TestFatalErrorHandler : IFatalErrorHandler
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null) =>
        Errors.Enqueue($"{sender}: {context}: {exception?.Message}");
}
