namespace CiAdapter.Wire;

/// <summary>A CodeArts task as it travels on the wire (the seed's <c>CITaskInfo</c>).</summary>
internal sealed class CiTaskWire
{
    public string? TaskId { get; set; }

    public string? ModelId { get; set; }

    public string? Status { get; set; }

    public string? ReportUrl { get; set; }
}
