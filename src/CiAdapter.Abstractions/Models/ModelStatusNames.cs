using System.Diagnostics.CodeAnalysis;

namespace CiAdapter.Models;

/// <summary>The lower-case status words used on every wire (backend, admin API, metrics).</summary>
public static class ModelStatusNames
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";

    public static IReadOnlyList<ModelStatus> All { get; } =
        [ModelStatus.Pending, ModelStatus.Running, ModelStatus.Success, ModelStatus.Failed];

    public static string ToWire(this ModelStatus status) => status switch
    {
        ModelStatus.Pending => Pending,
        ModelStatus.Running => Running,
        ModelStatus.Success => Success,
        ModelStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown model status."),
    };

    public static bool TryParse(string? value, [NotNullWhen(true)] out ModelStatus? status)
    {
        status = value?.Trim().ToLowerInvariant() switch
        {
            Pending => ModelStatus.Pending,
            Running => ModelStatus.Running,
            Success => ModelStatus.Success,
            Failed => ModelStatus.Failed,
            _ => null,
        };
        return status is not null;
    }

    public static bool IsFinished(this ModelStatus status) => status is ModelStatus.Success or ModelStatus.Failed;
}
