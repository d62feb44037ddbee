namespace CiAdapter.Simulators.Faults;

/// <summary>What a simulator does to a call that a <see cref="FaultRule"/> catches.</summary>
public enum FaultKind
{
    /// <summary>Wait <see cref="FaultRule.Delay"/>, then serve the call normally (drives client timeouts).</summary>
    Delay = 0,

    /// <summary>Answer <see cref="FaultRule.StatusCode"/> with an error body; nothing is processed.</summary>
    Fail = 1,

    /// <summary>Reset the connection without answering; nothing is processed.</summary>
    Abort = 2,

    /// <summary>
    /// Process the call (a task is created, statuses are applied), then reset the connection:
    /// the client cannot know its call took effect.
    /// </summary>
    DropResponse = 3,

    /// <summary>Answer 200 with a body that is not JSON, as a misbehaving proxy would; nothing is processed.</summary>
    Malformed = 4,
}
