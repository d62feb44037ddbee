using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CiAdapter.Models;

namespace CiAdapter.Kafka.Records;

/// <summary>
/// Turns a record value into a <see cref="ModelEvent"/> or a dead-letter verdict (SPEC §4).
/// One pass of <see cref="Utf8JsonReader"/> over the bytes: unknown fields are skipped, not built.
/// </summary>
internal sealed class ModelEventDecoder(int maxRecordBytes)
{
    private const int MaxQuotedLength = 80;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public DecodeResult Decode(string topic, int partition, long offset, byte[]? value)
    {
        if (value is null)
        {
            return DecodeResult.Reject(DeadLetterReasons.InvalidJson, "the record has no value (null)");
        }

        // Size first: a huge value must not cost a parse.
        if (value.Length > maxRecordBytes)
        {
            return DecodeResult.Reject(DeadLetterReasons.TooLarge, $"the value is {value.Length} bytes; the limit is {maxRecordBytes} bytes");
        }

        ReadOnlySpan<byte> json = value;
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        if (!Utf8.IsValid(json))
        {
            return DecodeResult.Reject(DeadLetterReasons.InvalidJson, "the value is not valid UTF-8");
        }

        Fields fields;
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read())
            {
                return DecodeResult.Reject(DeadLetterReasons.InvalidJson, "the value is empty");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var kind = Describe(reader.TokenType);
                reader.Skip();
                ReadToEnd(ref reader);
                return DecodeResult.Reject(DeadLetterReasons.NotAnObject, $"the value is a JSON {kind}, not an object");
            }

            fields = ReadFields(ref reader);
            ReadToEnd(ref reader);
        }
        catch (JsonException e)
        {
            return DecodeResult.Reject(DeadLetterReasons.InvalidJson, $"the value is not valid JSON: {e.Message}");
        }

        return Interpret(fields, new EventPosition(topic, partition, offset));
    }

    private static DecodeResult Interpret(Fields fields, EventPosition position)
    {
        ModelEventType type;
        switch (fields.EventType)
        {
            case { Kind: FieldKind.String, Text: "initiate_certification" }:
                type = ModelEventType.Initiate;
                break;
            case { Kind: FieldKind.String, Text: "delete_certification" }:
                type = ModelEventType.Delete;
                break;
            case { Kind: FieldKind.Absent }:
                return DecodeResult.Reject(DeadLetterReasons.UnknownEventType, "event_type is missing");
            case { Kind: FieldKind.String, Text: var other }:
                return DecodeResult.Reject(DeadLetterReasons.UnknownEventType,
                    $"event_type '{Quote(other)}' is neither initiate_certification nor delete_certification");
            default:
                return DecodeResult.Reject(DeadLetterReasons.UnknownEventType, $"event_type is a JSON {fields.EventType.JsonKind}, not a string");
        }

        if (fields.ModelId.Kind == FieldKind.Other)
        {
            return DecodeResult.Reject(DeadLetterReasons.InvalidModelId, $"model_id is a JSON {fields.ModelId.JsonKind}, not a string");
        }

        var groupName = fields.GroupName.NonEmptyText;
        var modelName = fields.ModelName.NonEmptyText;
        var modelId = fields.ModelId.NonEmptyText;
        if (modelId is null)
        {
            if (groupName is null || modelName is null)
            {
                return DecodeResult.Reject(DeadLetterReasons.MissingModelId, "neither model_id nor both group_name and model_name are present");
            }

            modelId = ModelIds.Compose(groupName, modelName);
        }

        if (ModelIds.Validate(modelId) is { } problem)
        {
            return DecodeResult.Reject(DeadLetterReasons.InvalidModelId, $"{problem}: '{Quote(modelId)}'");
        }

        return DecodeResult.Accept(new ModelEvent
        {
            // Without an id, the record's position is the event's identity: stable across redelivery.
            EventId = fields.Id.NonEmptyText ?? $"kafka:{position.Topic}:{position.Partition}:{position.Offset}",
            Type = type,
            ModelId = modelId,
            GroupName = groupName,
            ModelName = modelName,
            ModelUrl = fields.ModelUrl.NonEmptyText,
            Position = position,
        });
    }

    private static Fields ReadFields(ref Utf8JsonReader reader)
    {
        var fields = default(Fields);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_type"u8))
            {
                fields.EventType = ReadField(ref reader, numbersAsText: false);
            }
            else if (reader.ValueTextEquals("model_id"u8))
            {
                fields.ModelId = ReadField(ref reader, numbersAsText: false);
            }
            else if (reader.ValueTextEquals("group_name"u8))
            {
                fields.GroupName = ReadField(ref reader, numbersAsText: false);
            }
            else if (reader.ValueTextEquals("model_name"u8))
            {
                fields.ModelName = ReadField(ref reader, numbersAsText: false);
            }
            else if (reader.ValueTextEquals("model_url"u8))
            {
                fields.ModelUrl = ReadField(ref reader, numbersAsText: false);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                fields.Id = ReadField(ref reader, numbersAsText: true);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return fields;
    }

    private static Field ReadField(ref Utf8JsonReader reader, bool numbersAsText)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new Field(FieldKind.String, reader.GetString(), reader.TokenType);
            case JsonTokenType.Null:
                return new Field(FieldKind.Absent, null, reader.TokenType);
            case JsonTokenType.Number when numbersAsText:
                return new Field(FieldKind.String, Encoding.UTF8.GetString(reader.ValueSpan), reader.TokenType);
            default:
                var tokenType = reader.TokenType;
                reader.Skip();
                return new Field(FieldKind.Other, null, tokenType);
        }
    }

    /// <summary>Consumes what follows the root value; the reader throws if anything but whitespace does.</summary>
    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
        }
    }

    private static string Describe(JsonTokenType tokenType) => tokenType switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.StartObject => "object",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => tokenType.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string Quote(string? text)
    {
        if (text is null)
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxQuotedLength) + 1);
        foreach (var c in text)
        {
            if (builder.Length == MaxQuotedLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    private enum FieldKind
    {
        Absent = 0,
        String = 1,
        Other = 2,
    }

    private readonly record struct Field(FieldKind Kind, string? Text, JsonTokenType TokenType)
    {
        public string? NonEmptyText => Kind == FieldKind.String && !string.IsNullOrEmpty(Text) ? Text : null;

        public string JsonKind => Describe(TokenType);
    }

    private struct Fields
    {
        public Field EventType;
        public Field ModelId;
        public Field GroupName;
        public Field ModelName;
        public Field ModelUrl;
        public Field Id;
    }
}
