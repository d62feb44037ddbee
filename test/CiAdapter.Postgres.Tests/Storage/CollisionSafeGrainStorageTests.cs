using CiAdapter.Postgres.Tests.Support;
using CiAdapter.Postgres.Tests.Support.Grains;
using CiAdapter.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace CiAdapter.Postgres.Tests.Storage;

public sealed class CollisionSafeGrainStorageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string[] CollidingUpstream =
    [
        "0abc", "ABC", "abc", "a+b", "a", "A+b", "a+", "0", "00",
        "0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF",
        "ai-group/llama-7b", "ai-group/llama-7b ", "with space", "100%", "%2F", "a/b", "a%2Fb",
        "模型/ünïcödé 🚀", new string('m', 254) + "/", new string('m', 255),
    ];

    [Fact]
    public async Task Write_KeysThatCollideUpstream_EachKeepsItsOwnState()
    {
        var identity = TestClusterIdentity.New();
        await using var silo = await TestSilo.StartAsync(postgres.ConnectionString, identity);

        foreach (var key in CollidingUpstream)
        {
            await Note(silo, key).SetAsync($"text of [{key}]");
        }

        foreach (var key in CollidingUpstream)
        {
            Assert.Equal($"text of [{key}]", await Note(silo, key).ReadAsync());
        }

        var rows = await Database.ScalarAsync<long>(postgres.ConnectionString,
            "SELECT count(*) FROM orleans_grain_state WHERE service_id = @service AND state_name = 'note'",
            ("service", identity.ServiceId));
        Assert.Equal(CollidingUpstream.Length, rows);
    }

    [Fact]
    public async Task Write_ModelId_StoresReadableFullKey()
    {
        var identity = TestClusterIdentity.New();
        await using var silo = await TestSilo.StartAsync(postgres.ConnectionString, identity);

        await Note(silo, "ai-group/llama-7b").SetAsync("hello");

        var row = Assert.Single(await Database.QueryAsync(postgres.ConnectionString,
            "SELECT grain_key, grain_id_n0, grain_id_n1, version FROM orleans_grain_state WHERE service_id = @service",
            ("service", identity.ServiceId)));
        Assert.Equal(["v1:note/ai-group/llama-7b", 0L, 0L, 1], row);
    }

    [Fact]
    public async Task Write_TwoGrainTypes_DoNotShareState()
    {
        await using var silo = await TestSilo.StartAsync(postgres.ConnectionString, TestClusterIdentity.New());
        const string key = "ai-group/llama-7b";

        await Note(silo, key).SetAsync("from note");
        await Grain(silo, "label", key).SetAsync("from label");
        await Grain(silo, "echo-note", key).SetAsync("from echo-note");

        // "label" has a state name of its own; "echo-note" reuses the state name "note".
        Assert.Equal("from note", await Note(silo, key).ReadAsync());
        Assert.Equal("from label", await Grain(silo, "label", key).ReadAsync());
        Assert.Equal("from echo-note", await Grain(silo, "echo-note", key).ReadAsync());
    }

    [Fact]
    public async Task State_AfterFullClusterRestart_IsStillThere()
    {
        var identity = TestClusterIdentity.New();
        await using (var first = await TestSilo.StartAsync(postgres.ConnectionString, identity))
        {
            await Note(first, "0abc").SetAsync("kept");
            await Note(first, "ABC").SetAsync("also kept");
            await Note(first, "cleared").SetAsync("soon gone");
            await Note(first, "cleared").ClearAsync();
            await Note(first, "rewritten").SetAsync("first");
            await Note(first, "rewritten").SetAsync("second");
        }

        await using var second = await TestSilo.StartAsync(postgres.ConnectionString, identity);

        Assert.Equal("kept", await Note(second, "0abc").ReadAsync());
        Assert.Equal("also kept", await Note(second, "ABC").ReadAsync());
        Assert.Null(await Note(second, "cleared").ReadAsync());
        Assert.Equal("second", await Note(second, "rewritten").ReadAsync());
        Assert.Null(await Note(second, "never-written").ReadAsync());

        // A cleared state can be written again, and the ETag chain carries on.
        await Note(second, "cleared").SetAsync("back");
        Assert.Equal("back", await Note(second, "cleared").ReadAsync());
    }

    [Fact]
    public async Task Clear_WithDeleteStateOnClear_RemovesTheRow()
    {
        var identity = TestClusterIdentity.New();
        await using var silo = await TestSilo.StartAsync(postgres.ConnectionString, identity,
            silo => silo.Services.Configure<AdoNetGrainStorageOptions>(TestSilo.Storage, options => options.DeleteStateOnClear = true));

        await Note(silo, "0abc").SetAsync("doomed");
        await Note(silo, "ABC").SetAsync("kept");
        await Note(silo, "0abc").ClearAsync();

        Assert.Equal(["v1:note/ABC"], (await Database.QueryAsync(postgres.ConnectionString,
            "SELECT grain_key FROM orleans_grain_state WHERE service_id = @service", ("service", identity.ServiceId))).Select(row => row[0]));
        Assert.Null(await Note(silo, "0abc").ReadAsync());
        await Note(silo, "0abc").SetAsync("again");
        Assert.Equal("again", await Note(silo, "0abc").ReadAsync());
    }

    private static ITextGrain Note(TestSilo silo, string key) => Grain(silo, "note", key);

    private static ITextGrain Grain(TestSilo silo, string type, string key) =>
        silo.Grains.GetGrain<ITextGrain>(GrainId.Create(type, key));
}
