namespace CiAdapter.Grains;

/// <summary>What a model's grain did with the backend's view of it at start-up.</summary>
[GenerateSerializer]
public enum RestoreOutcome
{
    /// <summary>The grain had no state or older state and took the backend's.</summary>
    Adopted = 0,

    /// <summary>The grain's own state is as new or newer; it was kept.</summary>
    Kept = 1,
}
