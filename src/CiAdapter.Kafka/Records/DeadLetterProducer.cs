using System.Globalization;
using System.Text;
using CiAdapter.Kafka.Diagnostics;
using CiAdapter.Kafka.Providers;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace CiAdapter.Kafka.Records;

/// <summary>
/// Writes records that cannot be applied to the dead-letter topic: original key, value and
/// headers, plus headers that say why and where from. A write returns only once the cluster
/// acknowledged it (acks=all, idempotent); until then the record's offset is not done.
/// </summary>
internal sealed partial class DeadLetterProducer : IDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly string _topic;
    private readonly ILogger _logger;
    private readonly KafkaStreamMetrics _metrics;
    private readonly TimeProvider _timeProvider;

    public DeadLetterProducer(KafkaStreamOptions options, string clientId, ILogger logger, KafkaStreamMetrics metrics, TimeProvider timeProvider)
    {
        _topic = options.DeadLetterTopic;
        _logger = logger;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.DeadLetterProducer(options, clientId))
            .SetLogHandler((_, message) => KafkaClientLog.Forward(logger, message))
            .SetErrorHandler((_, error) => KafkaClientLog.Error(logger, clientId, error))
            .Build();
    }

    /// <summary>
    /// Writes <paramref name="record"/> with <paramref name="verdict"/>, retrying with backoff until
    /// the cluster acknowledges it. Only cancellation (or disposal) ends it without a write.
    /// </summary>
    public async Task WriteAsync(SourceRecord record, DeadLetterVerdict verdict, CancellationToken cancellationToken)
    {
        var omitValue = false;
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await _producer.ProduceAsync(_topic, Build(record, verdict, omitValue), cancellationToken).ConfigureAwait(false);
                _metrics.RecordDeadLettered(record.Topic, verdict.Reason);
                LogDeadLettered(record.Topic, record.Partition, record.Offset, verdict.Reason, verdict.Detail);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (!omitValue && record.Value is not null && IsTooLarge(e.Error.Code))
            {
                // Keeping the record from the dead-letter topic would stall its partition forever; the
                // value is still in the source topic at the offset the headers name.
                omitValue = true;
                LogValueOmitted(record.Topic, record.Partition, record.Offset, record.Value.Length, _topic);
            }
            catch (KafkaException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Log the first failures and then ever more rarely: a long outage must not flood the log.
                if (attempt <= 3 || (attempt & (attempt - 1)) == 0)
                {
                    LogRetry(record.Topic, record.Partition, record.Offset, _topic, attempt, backoff.TotalSeconds, e.Error.Code, e.Error.Reason);
                }

                await Task.Delay(backoff, _timeProvider, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    public void Dispose()
    {
        // Whatever was not acknowledged stays uncommitted at the source and is dead-lettered again by
        // whoever reads the partition next, so there is nothing to wait for here.
        _producer.Flush(TimeSpan.Zero);
        _producer.Dispose();
    }

    private Message<byte[]?, byte[]?> Build(SourceRecord record, DeadLetterVerdict verdict, bool omitValue)
    {
        var headers = new Headers();
        if (record.Headers is { } original)
        {
            foreach (var header in original)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(DeadLetterHeaders.Reason, Utf8(verdict.Reason));
        headers.Add(DeadLetterHeaders.Detail, Utf8(verdict.Detail));
        headers.Add(DeadLetterHeaders.SourceTopic, Utf8(record.Topic));
        headers.Add(DeadLetterHeaders.SourcePartition, Utf8(record.Partition.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.SourceOffset, Utf8(record.Offset.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.FailedAt, Utf8(_timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        if (omitValue)
        {
            headers.Add(DeadLetterHeaders.ValueOmitted, Utf8($"the dead-letter topic refused the {record.Value?.Length ?? 0}-byte value"));
        }

        return new Message<byte[]?, byte[]?> { Key = record.Key, Value = omitValue ? null : record.Value, Headers = headers };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static bool IsTooLarge(ErrorCode code) => code is ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge;

    [LoggerMessage(EventId = KafkaLogEvents.RecordDeadLettered, Level = LogLevel.Warning,
        Message = "Dead-lettered {Topic}[{Partition}]@{Offset}: {Reason} ({Detail}).")]
    private partial void LogDeadLettered(string topic, int partition, long offset, string reason, string detail);

    [LoggerMessage(EventId = KafkaLogEvents.DeadLetterRetry, Level = LogLevel.Warning,
        Message = "Could not dead-letter {Topic}[{Partition}]@{Offset} to '{DeadLetterTopic}' (attempt {Attempt}, next in {BackoffSeconds} s): {Code} {Reason}. The partition's commit waits for it.")]
    private partial void LogRetry(string topic, int partition, long offset, string deadLetterTopic, int attempt, double backoffSeconds, ErrorCode code, string reason);

    [LoggerMessage(EventId = KafkaLogEvents.DeadLetterValueOmitted, Level = LogLevel.Error,
        Message = "'{DeadLetterTopic}' refused the {Bytes}-byte value of {Topic}[{Partition}]@{Offset}; dead-lettering it without its value (raise the topic's max.message.bytes to keep values).")]
    private partial void LogValueOmitted(string topic, int partition, long offset, int bytes, string deadLetterTopic);
}
