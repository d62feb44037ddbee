using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Simulators.Tests.Support;

/// <summary>Keeps every formatted log line, with its category and event id, for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId EventId, string Message)> _lines = new();

    public IReadOnlyList<(string Category, EventId EventId, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<(string, EventId, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, eventId, formatter(state, exception)));
    }
}
