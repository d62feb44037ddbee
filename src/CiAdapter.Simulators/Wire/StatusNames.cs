namespace CiAdapter.Simulators.Wire;

/// <summary>The status words on the wire: a CodeArts task is running, success or failed; a model may also be pending.</summary>
public static class StatusNames
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";
}
