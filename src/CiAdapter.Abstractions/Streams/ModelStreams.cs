namespace CiAdapter.Streams;

/// <summary>Names shared by the Kafka stream provider and the grains it feeds.</summary>
public static class ModelStreams
{
    /// <summary>The stream provider that reads certification events from Kafka.</summary>
    public const string ProviderName = "kafka";

    /// <summary>The stream namespace; the stream key is the model id.</summary>
    public const string Namespace = "model-events";
}
