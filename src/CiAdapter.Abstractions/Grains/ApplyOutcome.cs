namespace CiAdapter.Grains;

/// <summary>What a model's grain did with an event.</summary>
[GenerateSerializer]
public enum ApplyOutcome
{
    /// <summary>The event changed the model's state, which is now durable.</summary>
    Applied = 0,

    /// <summary>The event was seen before (same id or an already applied record); nothing changed.</summary>
    Duplicate = 1,

    /// <summary>A delete for a model the service does not know; nothing to forget.</summary>
    Ignored = 2,
}
