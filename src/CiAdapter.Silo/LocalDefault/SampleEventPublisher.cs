using System.Text.Json;
using CiAdapter.Silo.Events;
using CiAdapter.Silo.Startup;
using Confluent.Kafka;

namespace CiAdapter.Silo.LocalDefault;

/// <summary>
/// The local default's trickle of certification events into the embedded Kafka cluster, so that a
/// newcomer sees models move from pending through running to success or failed. Models whose name
/// contains "fail" fail at the CodeArts simulator.
/// </summary>
internal sealed partial class SampleEventPublisher(
    KafkaEndpoint kafka,
    ReadinessState readiness,
    TimeProvider clock,
    ILogger<SampleEventPublisher> logger) : BackgroundService
{
    private static readonly string[] Models =
    [
        "ai-group/llama-7b",
        "ai-group/qwen-1.8b",
        "vision/resnet-50",
        "vision/vit-base-fail",
        "speech/whisper-small",
        "nlp/bert-base-chinese",
    ];

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(12);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, stoppingToken);
        }

        var config = new ProducerConfig { BootstrapServers = kafka.BootstrapServers, Acks = Acks.All, EnableIdempotence = true };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        foreach (var model in Models)
        {
            await PublishAsync(producer, "initiate_certification", model, stoppingToken);
        }

        var random = new Random();
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var model = Models[random.Next(Models.Length)];
            var eventType = random.Next(6) == 0 ? "delete_certification" : "initiate_certification";
            await PublishAsync(producer, eventType, model, stoppingToken);
        }
    }

    private async Task PublishAsync(IProducer<string, string> producer, string eventType, string modelId, CancellationToken cancellationToken)
    {
        var slash = modelId.IndexOf('/', StringComparison.Ordinal);
        var value = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["event_type"] = eventType,
            ["group_name"] = modelId[..slash],
            ["model_name"] = modelId[(slash + 1)..],
            ["model_id"] = modelId,
            ["model_url"] = $"https://models.example/{modelId}",
            ["id"] = $"sample-{Guid.NewGuid():N}",
        });
        try
        {
            await producer.ProduceAsync(kafka.Topic, new Message<string, string> { Key = modelId, Value = value }, cancellationToken);
            LogPublished(logger, eventType, modelId);
        }
        catch (ProduceException<string, string> ex)
        {
            LogPublishFailed(logger, eventType, modelId, ex.Error.Reason);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Sample event: {EventType} for model {ModelId}")]
    private static partial void LogPublished(ILogger logger, string eventType, string modelId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Sample event {EventType} for model {ModelId} could not be published: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string eventType, string modelId, string reason);
}
