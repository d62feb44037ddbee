using System.Net;
using CiAdapter.Postgres.Hosting;
using CiAdapter.Postgres.Schema;
using CiAdapter.Postgres.Tests.Support;
using CiAdapter.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;

namespace CiAdapter.Postgres.Tests.Clustering;

/// <summary>The ADO.NET membership table of Orleans 10.4 driven directly against our queries.</summary>
public sealed class MembershipTableTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTime Long = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Table_InsertAndUpdate_FollowTheTableVersion()
    {
        var table = await CreateTableAsync(postgres.ConnectionString, TestClusterIdentity.New());

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        var first = Entry(11111, SiloStatus.Joining);

        Assert.True(await table.InsertRowAsync(first, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(first, (await table.ReadAllAsync()).Version.Next()));

        var afterInsert = await table.ReadAllAsync();
        var (stored, etag) = Assert.Single(afterInsert.Members);
        Assert.Equal(first.SiloAddress, stored.SiloAddress);
        Assert.Equal("silo-11111", stored.SiloName);
        Assert.Equal(SiloStatus.Joining, stored.Status);
        Assert.Equal(first.StartTime, stored.StartTime);

        stored.Status = SiloStatus.Active;
        stored.AddOrUpdateSuspector(Entry(33333, SiloStatus.Active).SiloAddress, Long.AddMinutes(5), maxVotes: 2);
        Assert.True(await table.UpdateRowAsync(stored, etag, afterInsert.Version.Next()));
        Assert.False(await table.UpdateRowAsync(stored, etag, afterInsert.Version.Next()));

        var afterUpdate = await table.ReadRowAsync(first.SiloAddress);
        var (updated, _) = Assert.Single(afterUpdate.Members);
        Assert.Equal(afterInsert.Version.Version + 1, afterUpdate.Version.Version);
        Assert.Equal(SiloStatus.Active, updated.Status);
        var (suspector, when) = Assert.Single(updated.SuspectTimes!);
        Assert.Equal(Entry(33333, SiloStatus.Active).SiloAddress, suspector);
        Assert.Equal(Long.AddMinutes(5), when);
    }

    [Fact]
    public async Task Table_IAmAlive_ChangesOnlyThatTime()
    {
        var table = await CreateTableAsync(postgres.ConnectionString, TestClusterIdentity.New());
        var entry = Entry(11111, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();

        entry.IAmAliveTime = Long.AddHours(1);
        await table.UpdateIAmAliveAsync(entry);

        var after = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(before.Version.Version, after.Version.Version);
        Assert.Equal(Long.AddHours(1), Assert.Single(after.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task Cleanup_DeadSilosOlderThanCutoff_AreRemovedOthersStay()
    {
        var identity = TestClusterIdentity.New();
        var table = await CreateTableAsync(postgres.ConnectionString, identity);
        await InsertAsync(table, Entry(1, SiloStatus.Dead, aliveAt: Long));
        await InsertAsync(table, Entry(2, SiloStatus.Dead, aliveAt: Long.AddHours(2)));
        await InsertAsync(table, Entry(3, SiloStatus.Active, aliveAt: Long));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Long.AddHours(1)));

        var remaining = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order();
        Assert.Equal([2, 3], remaining);
    }

    [Fact]
    public async Task Cleanup_WithoutTheOptionalRowQuery_UsesTheBulkQuery()
    {
        // A database whose OrleansQuery lacks CleanupDefunctSiloEntryKey, as older scripts do.
        await using var database = await postgres.CreateDatabaseAsync("bulk_cleanup");
        await new PostgresSchemaInstaller().ApplyAsync(database.ConnectionString, CancellationToken.None);
        await Database.ExecuteAsync(database.ConnectionString, "DELETE FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'");
        var table = await CreateTableAsync(database.ConnectionString, TestClusterIdentity.New());
        await InsertAsync(table, Entry(1, SiloStatus.Dead, aliveAt: Long));
        await InsertAsync(table, Entry(2, SiloStatus.Active, aliveAt: Long));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Long.AddHours(1)));

        Assert.Equal(2, Assert.Single((await table.ReadAllAsync()).Members).Item1.SiloAddress.Endpoint.Port);
    }

    [Fact]
    public async Task Delete_Cluster_RemovesItsRowsOnly()
    {
        var doomed = TestClusterIdentity.New();
        var kept = TestClusterIdentity.New();
        var doomedTable = await CreateTableAsync(postgres.ConnectionString, doomed);
        var keptTable = await CreateTableAsync(postgres.ConnectionString, kept);
        await InsertAsync(doomedTable, Entry(1, SiloStatus.Active));
        await InsertAsync(keptTable, Entry(1, SiloStatus.Active));

        await doomedTable.DeleteMembershipTableEntriesAsync(doomed.ClusterId);

        Assert.Equal(0L, await Database.ScalarAsync<long>(postgres.ConnectionString,
            "SELECT count(*) FROM orleans_membership_version WHERE deployment_id = @id", ("id", doomed.ClusterId)));
        Assert.Single((await keptTable.ReadAllAsync()).Members);
    }

    private static async Task InsertAsync(AdoNetClusteringTable table, MembershipEntry entry) =>
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime? aliveAt = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 7),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = port + 1,
        StartTime = Long.AddMinutes(-10),
        IAmAliveTime = aliveAt ?? Long,
    };

    private static async Task<AdoNetClusteringTable> CreateTableAsync(string connectionString, TestClusterIdentity identity)
    {
        await new PostgresSchemaInstaller().ApplyAsync(connectionString, CancellationToken.None);
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = identity.ClusterId, ServiceId = identity.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresSiloBuilderExtensions.Invariant, ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }
}
