namespace CiAdapter.Restore;

/// <summary>What the start-up restore did.</summary>
public sealed record RestoreSummary(int Adopted, int Kept, int Rejected, TimeSpan Elapsed)
{
    public int Total => Adopted + Kept + Rejected;
}
