using System.Globalization;
using CiAdapter.Kafka.Diagnostics;
using CiAdapter.Kafka.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace CiAdapter.Kafka.Providers;

/// <summary>
/// Builds the provider's parts for one silo: the partition map (one Orleans queue per Kafka
/// partition, read from the topic's metadata at start), the shared consumer, the dead-letter
/// producer, the cache and the per-queue delivery failure handlers.
/// </summary>
internal sealed class KafkaAdapterFactory(
    string name,
    KafkaStreamOptions options,
    SimpleQueueCacheOptions cacheOptions,
    ILoggerFactory loggerFactory,
    KafkaStreamMetrics metrics,
    TimeProvider timeProvider) : IQueueAdapterFactory, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private readonly SimpleQueueAdapterCache _simpleCache = new(cacheOptions, name, loggerFactory);
    private AcknowledgingQueueAdapterCache? _cache;
    private readonly ILogger _logger = loggerFactory.CreateLogger<KafkaAdapterFactory>();
    private HashRingBasedPartitionedStreamQueueMapper? _mapper;
    private KafkaTopicConsumer? _consumer;
    private DeadLetterProducer? _deadLetters;
    private KafkaQueueAdapter? _adapter;

    public static KafkaAdapterFactory Create(IServiceProvider services, string name)
    {
        var options = services.GetOptionsByName<KafkaStreamOptions>(name);
        var cacheOptions = services.GetOptionsByName<SimpleQueueCacheOptions>(name);
        var metrics = new KafkaStreamMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        return new KafkaAdapterFactory(name, options, cacheOptions, services.GetRequiredService<ILoggerFactory>(), metrics, timeProvider);
    }

    internal static int PartitionOf(HashRingBasedPartitionedStreamQueueMapper mapper, QueueId queueId) =>
        int.Parse(mapper.QueueToPartition(queueId), NumberStyles.None, CultureInfo.InvariantCulture);

    [Obsolete("Use the overload with a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_adapter is not null)
            {
                return _adapter;
            }

            var partitions = await TopicPartitions.DiscoverAsync(name, options, _logger, timeProvider, cancellationToken).ConfigureAwait(false);
            var mapper = new HashRingBasedPartitionedStreamQueueMapper(
                [.. partitions.Select(p => p.ToString(CultureInfo.InvariantCulture))], name);
            _deadLetters = new DeadLetterProducer(options, $"{name}-dead-letters", loggerFactory.CreateLogger<DeadLetterProducer>(), metrics, timeProvider);
            _consumer = new KafkaTopicConsumer($"{name}-consumer", options, _deadLetters, metrics, loggerFactory);
            _mapper = mapper;
            _adapter = new KafkaQueueAdapter(name, _consumer, mapper);
            return _adapter;
        }
        finally
        {
            _createGate.Release();
        }
    }

    /// <summary>Partitions this silo reads right now (for diagnostics and tests).</summary>
    internal IReadOnlyCollection<int> OwnedPartitions => _consumer?.OwnedPartitions ?? [];

    /// <summary>Partitions paused for backpressure right now (for diagnostics and tests).</summary>
    internal IReadOnlyCollection<int> PausedPartitions => _consumer?.PausedPartitions ?? [];

    /// <summary>Records of <paramref name="partition"/> read but not yet done (for diagnostics and tests).</summary>
    internal int PendingRecords(int partition) => _consumer?.PendingRecords(partition) ?? 0;

    public IQueueAdapterCache GetQueueAdapterCache() => _cache ??= new AcknowledgingQueueAdapterCache(_simpleCache, queueId =>
    {
        var partition = PartitionOf(GetMapper(), queueId);
        return container => _consumer?.MarkApplied(partition, container);
    });

    public IStreamQueueMapper GetStreamQueueMapper() => GetMapper();

    private HashRingBasedPartitionedStreamQueueMapper GetMapper() =>
        _mapper ?? throw new InvalidOperationException($"Kafka stream provider '{name}' has not read its topic's partitions yet.");

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId)
    {
        var mapper = _mapper ?? throw new InvalidOperationException($"Kafka stream provider '{name}' is not initialized.");
        IStreamFailureHandler handler = new KafkaDeliveryFailureHandler(
            PartitionOf(mapper, queueId), _consumer!, loggerFactory.CreateLogger<KafkaDeliveryFailureHandler>());
        return Task.FromResult(handler);
    }

    public async ValueTask DisposeAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.DisposeAsync().ConfigureAwait(false);
        }

        _deadLetters?.Dispose();
        _createGate.Dispose();
    }

    /// <summary>For containers disposed synchronously; the host normally disposes asynchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
