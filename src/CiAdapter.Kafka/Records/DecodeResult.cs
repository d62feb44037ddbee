using System.Diagnostics.CodeAnalysis;
using CiAdapter.Models;

namespace CiAdapter.Kafka.Records;

/// <summary>Either an event for a model's grain or a verdict that sends the record to the dead-letter topic.</summary>
internal readonly struct DecodeResult
{
    private DecodeResult(ModelEvent? modelEvent, DeadLetterVerdict? deadLetter)
    {
        Event = modelEvent;
        DeadLetter = deadLetter;
    }

    public ModelEvent? Event { get; }

    public DeadLetterVerdict? DeadLetter { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(DeadLetter))]
    public bool IsEvent => Event is not null;

    public static DecodeResult Accept(ModelEvent modelEvent) => new(modelEvent, null);

    public static DecodeResult Reject(string reason, string detail) => new(null, new DeadLetterVerdict(reason, detail));
}
