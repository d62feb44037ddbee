using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace CiAdapter.Silo.Metrics;

/// <summary>
/// Bucket bounds for the app's histograms, which record seconds (OpenTelemetry's default bounds,
/// 0–10000, suit milliseconds and would put every request in the first bucket).
/// </summary>
internal static class HistogramBuckets
{
    /// <summary>An HTTP call to CodeArts or the backend: milliseconds to the client's timeouts.</summary>
    private static readonly double[] Requests = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>A CI run, dispatch to result: seconds in tests, minutes to hours for real pipelines.</summary>
    private static readonly double[] CiRuns = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 43200];

    /// <summary>The start-up restore: one backend read and a grain call per model, bounded by RESTORE_TIMEOUT.</summary>
    private static readonly double[] Restores = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    public static MetricStreamConfiguration? For(Instrument instrument) => instrument switch
    {
        { Unit: not "s" } => null,
        { Name: "ci_adapter.ci.run.duration" } => new ExplicitBucketHistogramConfiguration { Boundaries = CiRuns },
        { Name: "ci_adapter.restore.duration" } => new ExplicitBucketHistogramConfiguration { Boundaries = Restores },
        _ when instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>)
            => new ExplicitBucketHistogramConfiguration { Boundaries = Requests },
        _ => null,
    };
}
