using Microsoft.Extensions.Logging;

namespace CiAdapter.Silo.Tests.Logging;

public sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, string Values, string? Exception)
{
    /// <summary>Everything of the entry a sink could write, as one text.</summary>
    public string AllText => $"{Category} {EventId} {Message} {Values} {Exception}";
}
