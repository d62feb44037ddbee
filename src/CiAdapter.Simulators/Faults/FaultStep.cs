namespace CiAdapter.Simulators.Faults;

/// <summary>What is left to do with a call after its fault, if any, acted.</summary>
/// <param name="Proceed">Serve the call (after a delay, or to drop its answer later).</param>
/// <param name="StatusCode">What the fault answered when it did not proceed; null when it answered nothing.</param>
internal readonly record struct FaultStep(bool Proceed, int? StatusCode)
{
    public static FaultStep Continue { get; } = new(true, null);

    public static FaultStep NoAnswer { get; } = new(false, null);
}
