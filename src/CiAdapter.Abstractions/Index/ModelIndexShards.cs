using System.Text;

namespace CiAdapter.Index;

/// <summary>
/// Spreads models over a fixed number of index shards. The hash must never change between
/// releases: a model's shard is where its status was stored.
/// </summary>
public static class ModelIndexShards
{
    public const int Count = 32;

    public static IEnumerable<int> All => Enumerable.Range(0, Count);

    public static int Of(string modelId)
    {
        // FNV-1a over UTF-8: stable across processes and runtimes, unlike string.GetHashCode.
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(modelId) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(modelId, buffer)]
            : Encoding.UTF8.GetBytes(modelId);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * prime;
        }

        return (int)(hash % Count);
    }
}
