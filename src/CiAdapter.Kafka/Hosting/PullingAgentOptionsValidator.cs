using Orleans.Configuration;

namespace CiAdapter.Kafka.Hosting;

/// <summary>
/// The provider tells its partitions which records were applied by watching each stream's cursor
/// move past a delivered event (see <c>AcknowledgingCursor</c>); that holds only when the pulling
/// agent delivers one event at a time.
/// </summary>
internal sealed class PullingAgentOptionsValidator(StreamPullingAgentOptions options, string providerName) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (options.BatchContainerBatchSize > 1)
        {
            throw new OrleansConfigurationException(
                $"Kafka stream provider '{providerName}': {nameof(StreamPullingAgentOptions)}.{nameof(StreamPullingAgentOptions.BatchContainerBatchSize)} must be 1, not {options.BatchContainerBatchSize}.");
        }
    }
}
