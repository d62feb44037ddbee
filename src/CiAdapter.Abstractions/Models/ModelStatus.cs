namespace CiAdapter.Models;

/// <summary>Where a model is in its certification round (SPEC §5).</summary>
[GenerateSerializer]
public enum ModelStatus
{
    Pending = 0,
    Running = 1,
    Success = 2,
    Failed = 3,
}
