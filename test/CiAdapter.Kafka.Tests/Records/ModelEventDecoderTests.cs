using System.Text;
using CiAdapter.Kafka.Records;
using CiAdapter.Models;

namespace CiAdapter.Kafka.Tests.Records;

public sealed class ModelEventDecoderTests
{
    private readonly ModelEventDecoder _decoder = new(KafkaStreamOptions.DefaultMaxRecordBytes);

    [Fact]
    public void Decode_FullInitiateEvent_ReturnsEventWithPosition()
    {
        var result = Decode("""{"event_type":"initiate_certification","group_name":"g","model_name":"m","model_id":"g/m","model_url":"https://x/g/m","id":"evt-123"}""", offset: 42);

        Assert.True(result.IsEvent);
        Assert.Equal(
            new ModelEvent
            {
                EventId = "evt-123",
                Type = ModelEventType.Initiate,
                ModelId = "g/m",
                GroupName = "g",
                ModelName = "m",
                ModelUrl = "https://x/g/m",
                Position = new EventPosition("events", 3, 42),
            },
            result.Event);
    }

    [Fact]
    public void Decode_DeleteWithoutModelId_ComposesGroupAndName()
    {
        var result = Decode("""{"event_type":"delete_certification","group_name":"ai-group","model_name":"llama-7b","id":"e1"}""");

        Assert.True(result.IsEvent);
        Assert.Equal(ModelEventType.Delete, result.Event.Type);
        Assert.Equal("ai-group/llama-7b", result.Event.ModelId);
    }

    [Fact]
    public void Decode_MissingId_SynthesizesIdStableAcrossRedelivery()
    {
        const string json = """{"event_type":"initiate_certification","model_id":"g/m"}""";

        var first = Decode(json, offset: 7);
        var again = Decode(json, offset: 7);
        var other = Decode(json, offset: 8);

        Assert.Equal(first.Event!.EventId, again.Event!.EventId);
        Assert.NotEqual(first.Event.EventId, other.Event!.EventId);
        Assert.Contains("events", first.Event.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownFieldsAndNumericId_AreToleratedAndIdKeptAsText()
    {
        var result = Decode("""
            {"extra":{"nested":[1,2,{"a":null}]},"event_type":"initiate_certification","flag":true,
             "model_id":"g/m","id":12345,"version":"3","model_url":null}
            """);

        Assert.True(result.IsEvent);
        Assert.Equal("12345", result.Event.EventId);
        Assert.Null(result.Event.ModelUrl);
    }

    [Fact]
    public void Decode_ValueWithByteOrderMark_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"event_type":"initiate_certification","model_id":"g/m"}""")).ToArray();

        Assert.True(_decoder.Decode("events", 0, 0, bytes).IsEvent);
    }

    [Theory]
    [InlineData("{not json", DeadLetterReasons.InvalidJson)]
    [InlineData("", DeadLetterReasons.InvalidJson)]
    [InlineData("""{"event_type":"initiate_certification","model_id":"g/m"} trailing""", DeadLetterReasons.InvalidJson)]
    [InlineData("""{"event_type":"initiate_certification","model_id":"g/m\u0001"}""", DeadLetterReasons.InvalidModelId)]
    [InlineData("[1,2", DeadLetterReasons.InvalidJson)]
    [InlineData("[1,2]", DeadLetterReasons.NotAnObject)]
    [InlineData("\"just a string\"", DeadLetterReasons.NotAnObject)]
    [InlineData("42", DeadLetterReasons.NotAnObject)]
    [InlineData("null", DeadLetterReasons.NotAnObject)]
    [InlineData("""{"event_type":"start","model_id":"g/m"}""", DeadLetterReasons.UnknownEventType)]
    [InlineData("""{"model_id":"g/m"}""", DeadLetterReasons.UnknownEventType)]
    [InlineData("""{"event_type":7,"model_id":"g/m"}""", DeadLetterReasons.UnknownEventType)]
    [InlineData("""{"event_type":"initiate_certification"}""", DeadLetterReasons.MissingModelId)]
    [InlineData("""{"event_type":"initiate_certification","group_name":"g"}""", DeadLetterReasons.MissingModelId)]
    [InlineData("""{"event_type":"initiate_certification","model_id":"","model_name":"m"}""", DeadLetterReasons.MissingModelId)]
    [InlineData("""{"event_type":"initiate_certification","model_id":"   "}""", DeadLetterReasons.InvalidModelId)]
    [InlineData("""{"event_type":"initiate_certification","model_id":{"a":1}}""", DeadLetterReasons.InvalidModelId)]
    public void Decode_MalformedValue_RejectsWithReason(string json, string reason)
    {
        var result = Decode(json);

        Assert.False(result.IsEvent);
        Assert.Equal(reason, result.DeadLetter.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.DeadLetter.Detail));
    }

    [Fact]
    public void Decode_ModelIdLongerThanLimit_RejectsAsInvalidModelId()
    {
        var result = Decode($$"""{"event_type":"initiate_certification","model_id":"{{new string('x', ModelIds.MaxLength + 1)}}"}""");

        Assert.Equal(DeadLetterReasons.InvalidModelId, result.DeadLetter!.Reason);
        Assert.True(result.DeadLetter.Detail.Length < 200, "the detail quotes a bounded prefix of the id");
    }

    [Fact]
    public void Decode_NullValue_RejectsAsInvalidJson()
    {
        Assert.Equal(DeadLetterReasons.InvalidJson, _decoder.Decode("events", 0, 0, null).DeadLetter!.Reason);
    }

    [Fact]
    public void Decode_InvalidUtf8_RejectsAsInvalidJson()
    {
        byte[] value = [.. "{\"event_type\":\"initiate_certification\",\"model_id\":\"g/"u8, 0xC3, 0x28, .. "\"}"u8];

        var result = _decoder.Decode("events", 0, 0, value);

        Assert.Equal(DeadLetterReasons.InvalidJson, result.DeadLetter!.Reason);
    }

    [Fact]
    public void Decode_ValueOverLimit_RejectsAsTooLargeWithoutParsing()
    {
        var decoder = new ModelEventDecoder(maxRecordBytes: 64);
        var atLimit = Encoding.UTF8.GetBytes("""{"event_type":"initiate_certification","model_id":"g/m"}""".PadRight(64));
        var overLimit = new byte[65];
        overLimit.AsSpan().Fill((byte)'{');

        Assert.True(decoder.Decode("events", 0, 0, atLimit).IsEvent);
        var rejected = decoder.Decode("events", 0, 0, overLimit);
        Assert.Equal(DeadLetterReasons.TooLarge, rejected.DeadLetter!.Reason);
        Assert.Contains("65", rejected.DeadLetter.Detail, StringComparison.Ordinal);
    }

    private DecodeResult Decode(string json, long offset = 0) =>
        _decoder.Decode("events", 3, offset, Encoding.UTF8.GetBytes(json));
}
