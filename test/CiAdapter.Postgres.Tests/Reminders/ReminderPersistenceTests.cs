using CiAdapter.Postgres.Tests.Support;
using CiAdapter.Postgres.Tests.Support.Grains;
using CiAdapter.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace CiAdapter.Postgres.Tests.Reminders;

public sealed class ReminderPersistenceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reminder_AfterFullClusterRestart_FiresWithoutBeingAskedAgain()
    {
        var identity = TestClusterIdentity.New();
        const string key = "模型/ticker ü+0abc";

        await using (var first = await TestSilo.StartAsync(postgres.ConnectionString, identity))
        {
            await first.Grains.GetGrain<ITickGrain>(GrainId.Create("tick", key)).StartTickingAsync(TimeSpan.FromSeconds(1));
            await Eventually.WaitForAsync(() => StoredTicksVersionAsync(identity), version => version >= 1, Patience, "a first tick");
        }

        // Every tick writes the state once, so its version counts ticks; no grain is called from here on.
        var ticksBeforeRestart = await StoredTicksVersionAsync(identity);
        var reminder = Assert.Single(await Database.QueryAsync(postgres.ConnectionString,
            "SELECT grain_id, reminder_name, period FROM orleans_reminder WHERE service_id = @service", ("service", identity.ServiceId)));
        Assert.Equal([$"tick/{key}", TickGrain.ReminderName, 1000L], reminder);

        await using var second = await TestSilo.StartAsync(postgres.ConnectionString, identity);

        await Eventually.WaitForAsync(
            () => StoredTicksVersionAsync(identity), version => version > ticksBeforeRestart, Patience, "a tick after the restart");
    }

    [Fact]
    public async Task ReminderTable_RowsAndHashRanges_AreReadBack()
    {
        await using var silo = await TestSilo.StartAsync(postgres.ConnectionString, TestClusterIdentity.New());
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("tick", $"range-{i}")).ToList();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var grain in grains)
        {
            Assert.NotNull(await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = start, Period = TimeSpan.FromMinutes(5) }));
        }

        // A non-wrapping range, a wrapping one, and the whole ring (begin == end).
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[5], hashes[30]);
        Assert.Equal(grains.Where(g => g.GetUniformHashCode() > low && g.GetUniformHashCode() <= high).ToHashSet(), await ReadRangeAsync(table, low, high));
        Assert.Equal(grains.Where(g => g.GetUniformHashCode() > high || g.GetUniformHashCode() <= low).ToHashSet(), await ReadRangeAsync(table, high, low));
        Assert.Equal(grains.ToHashSet(), await ReadRangeAsync(table, low, low));

        var one = await table.ReadRow(grains[0], "r");
        Assert.NotNull(one);
        Assert.Equal(start, one.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), one.Period);
        Assert.Single((await table.ReadRows(grains[0])).Reminders);
    }

    [Fact]
    public async Task ReminderTable_UpsertAndRemove_RespectETags()
    {
        await using var silo = await TestSilo.StartAsync(postgres.ConnectionString, TestClusterIdentity.New());
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("tick", "etag");
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromDays(40) };

        var firstETag = await table.UpsertRow(entry);
        var secondETag = await table.UpsertRow(entry);

        Assert.NotEqual(firstETag, secondETag);
        Assert.Equal(TimeSpan.FromDays(40), (await table.ReadRow(grain, "r"))!.Period);
        Assert.False(await table.RemoveRow(grain, "r", firstETag!));
        Assert.True(await table.RemoveRow(grain, "r", secondETag!));
        Assert.Null(await table.ReadRow(grain, "r"));
    }

    [Fact]
    public async Task ReminderTable_ClearTable_RemovesOnlyThisServicesReminders()
    {
        await using var silo = await TestSilo.StartAsync(postgres.ConnectionString, TestClusterIdentity.New());
        await using var other = await TestSilo.StartAsync(postgres.ConnectionString, TestClusterIdentity.New());
        var entry = new ReminderEntry { GrainId = GrainId.Create("tick", "clear"), ReminderName = "r", StartAt = DateTime.UtcNow, Period = TimeSpan.FromHours(1) };
        await silo.Services.GetRequiredService<IReminderTable>().UpsertRow(entry);
        await other.Services.GetRequiredService<IReminderTable>().UpsertRow(entry);

        await silo.Services.GetRequiredService<IReminderTable>().TestOnlyClearTable();

        Assert.Null(await silo.Services.GetRequiredService<IReminderTable>().ReadRow(entry.GrainId, "r"));
        Assert.NotNull(await other.Services.GetRequiredService<IReminderTable>().ReadRow(entry.GrainId, "r"));
    }

    private static async Task<HashSet<GrainId>> ReadRangeAsync(IReminderTable table, uint begin, uint end) =>
        (await table.ReadRows(begin, end)).Reminders.Where(r => r.GrainId.Key.ToString().StartsWith("range-", StringComparison.Ordinal))
            .Select(r => r.GrainId).ToHashSet();

    private Task<int> StoredTicksVersionAsync(TestClusterIdentity identity) =>
        Database.ScalarAsync<int>(postgres.ConnectionString,
            "SELECT version FROM orleans_grain_state WHERE service_id = @service AND state_name = 'ticks'", ("service", identity.ServiceId));
}
