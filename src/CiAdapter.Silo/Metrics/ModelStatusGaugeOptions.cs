namespace CiAdapter.Silo.Metrics;

internal sealed class ModelStatusGaugeOptions
{
    /// <summary>How often the model counts are taken from the index shards (32 grain calls each time).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}
