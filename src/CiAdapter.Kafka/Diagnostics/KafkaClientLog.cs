using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace CiAdapter.Kafka.Diagnostics;

/// <summary>Routes librdkafka's own log lines and client errors into the host's logging.</summary>
internal static partial class KafkaClientLog
{
    public static void Forward(ILogger logger, LogMessage message)
    {
        // librdkafka speaks syslog levels; connection chatter (notice/info) is debug material here.
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        LibrdkafkaLog(logger, level, message.Name, message.Facility, message.Message);
    }

    public static void Error(ILogger logger, string client, Error error)
    {
        if (error.IsFatal)
        {
            ClientFatal(logger, client, error.Code, error.Reason);
        }
        else
        {
            ClientError(logger, client, error.Code, error.Reason);
        }
    }

    [LoggerMessage(EventId = KafkaLogEvents.ClientLog, Message = "librdkafka {Client} [{Facility}]: {Text}")]
    private static partial void LibrdkafkaLog(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(EventId = KafkaLogEvents.ClientError, Level = LogLevel.Warning,
        Message = "Kafka client {Client} reported {Code}: {Reason}. It keeps retrying on its own.")]
    private static partial void ClientError(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(EventId = KafkaLogEvents.ClientFatalError, Level = LogLevel.Critical,
        Message = "Kafka client {Client} hit a fatal error {Code}: {Reason}. It cannot recover; restart the silo.")]
    private static partial void ClientFatal(ILogger logger, string client, ErrorCode code, string reason);
}
