using CiAdapter.Models;

namespace CiAdapter.Index;

internal static class ModelIndexStateExtensions
{
    public static bool Knows(this ModelIndexState state, string modelId, long revision) =>
        (state.Models.TryGetValue(modelId, out var entry) && entry.Revision >= revision)
        || (state.Removed.TryGetValue(modelId, out var removed) && removed.Revision >= revision);

    public static Dictionary<ModelStatus, int> CountByStatus(this ModelIndexState state)
    {
        var counts = ModelStatusNames.All.ToDictionary(s => s, _ => 0);
        foreach (var entry in state.Models.Values)
        {
            counts[entry.Status]++;
        }

        return counts;
    }
}
