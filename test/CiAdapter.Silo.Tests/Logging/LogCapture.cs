using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CiAdapter.Silo.Tests.Logging;

/// <summary>
/// A logger provider that keeps everything a log sink could write: category, event id, the formatted
/// message, every structured value of the message and of its scopes, and the exception text.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new StringBuilder();
            Append(values, state);
            capture._scopes.ForEachScope((scope, sb) => Append(sb, scope), values);
            capture._entries.Enqueue(new CapturedLog(
                category, logLevel, eventId.Id, formatter(state, exception), values.ToString(), exception?.ToString()));
        }

        private static void Append(StringBuilder sb, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    sb.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(' ');
                }
            }
            else
            {
                sb.Append(Convert.ToString(state, CultureInfo.InvariantCulture)).Append(' ');
            }
        }
    }
}
