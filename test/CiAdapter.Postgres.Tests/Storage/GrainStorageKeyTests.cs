using CiAdapter.Postgres.Storage;

namespace CiAdapter.Postgres.Tests.Storage;

public sealed class GrainStorageKeyTests
{
    // Keys that trip the ADO.NET provider: hexadecimal, '+' extensions, GUID-shaped, empty-ish.
    private static readonly string[] Tricky =
    [
        "0abc", "ABC", "abc", "a", "a+b", "A+b", "a+", "+", "+b", "0", "00", "FFFFFFFFFFFFFFFF", "7fffffffffffffff0",
        "0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcdef+x",
        "ai-group/llama-7b", "with space", "100%", "%2F", "模型/ünïcödé 🚀",
    ];

    public static TheoryData<string> TrickyKeys => new(Tricky);

    [Fact]
    public void UpstreamKeys_HexadecimalModelIds_ParseAsTheSameInteger()
    {
        // Why the decorator exists: without it the provider stores these three as one number.
        Assert.True(GrainId.Create("model", "0abc").TryGetIntegerKey(out var first, out _));
        Assert.True(GrainId.Create("model", "ABC").TryGetIntegerKey(out var second, out _));
        Assert.True(GrainId.Create("model", "abc").TryGetIntegerKey(out var third, out _));
        Assert.Equal(first, second);
        Assert.Equal(second, third);
    }

    [Theory]
    [MemberData(nameof(TrickyKeys))]
    public void For_AnyKey_IsNeitherIntegerNorGuid(string key)
    {
        var mapped = GrainStorageKey.For(GrainId.Create("model", key));

        Assert.False(mapped.TryGetIntegerKey(out _, out _));
        Assert.False(mapped.TryGetGuidKey(out _, out _));
    }

    [Fact]
    public void For_DistinctGrainIds_GiveDistinctKeys()
    {
        string[] types = ["model", "modelgrain", "a", "a/b", "a%2Fb", "a%b", "note"];
        string[] keys = [.. Tricky, "b/c", "2Fb/c", "x".PadRight(255, 'y')];
        var grainIds = (from type in types from key in keys select GrainId.Create(type, key)).ToList();

        var mapped = grainIds.Select(GrainStorageKey.Format).ToList();

        Assert.Equal(grainIds.Count, mapped.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Format_ModelId_IsReadableTypeAndKey()
    {
        Assert.Equal("v1:model/ai-group/llama-7b", GrainStorageKey.Format(GrainId.Create("model", "ai-group/llama-7b")));
        Assert.Equal("v1:a%2Fb/c", GrainStorageKey.Format(GrainId.Create("a/b", "c")));
    }

    [Fact]
    public void For_KeepsGrainType()
    {
        var grainId = GrainId.Create("model", "0abc");

        Assert.Equal(grainId.Type, GrainStorageKey.For(grainId).Type);
    }
}
