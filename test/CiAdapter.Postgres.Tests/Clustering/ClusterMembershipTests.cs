using System.Net;
using CiAdapter.Postgres.Hosting;
using CiAdapter.Postgres.Tests.Support;
using CiAdapter.Postgres.Tests.Support.Grains;
using CiAdapter.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace CiAdapter.Postgres.Tests.Clustering;

public sealed class ClusterMembershipTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task TwoSilos_OneCrashes_FormClusterThenDeclaredDeadThenCleanedUp()
    {
        var identity = TestClusterIdentity.New();
        await using var survivor = await TestSilo.StartAsync(postgres.ConnectionString, identity);

        // The victim reaches PostgreSQL through a relay, so that a crash can be staged in process:
        // cut the relay and the victim can no longer mark itself dead on its way out. It gives up
        // its own membership updates after a few seconds, then stops answering probes.
        var database = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        await using var databaseLink = new TcpRelay(new IPEndPoint(IPAddress.Loopback, database.Port));
        await using var victim = await TestSilo.StartAsync(
            new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Port = databaseLink.Port }.ConnectionString,
            identity,
            silo => silo.Configure<ClusterMembershipOptions>(options => options.MaxJoinAttemptTime = TimeSpan.FromSeconds(3)));
        var management = survivor.Grains.GetGrain<IManagementGrain>(0);

        await Eventually.WaitForAsync(
            async () => string.Join(", ", (await management.GetHosts(onlyActive: false)).Select(host => $"{host.Key} {host.Value}")),
            hosts => hosts.Contains($"{victim.Address} Active", StringComparison.Ordinal) && hosts.Contains($"{survivor.Address} Active", StringComparison.Ordinal),
            Patience,
            "both silos to be active");

        // A client finds the silos through the gateway query and reaches a grain.
        using (var client = await StartClientAsync(identity))
        {
            var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<ITextGrain>(GrainId.Create("note", "via-gateway"));
            await grain.SetAsync("hello");
            Assert.Equal("hello", await grain.ReadAsync());
            await client.StopAsync();
        }

        // The crash: the victim can neither say goodbye nor mark itself dead.
        databaseLink.Cut();
        await victim.KillAsync();

        var victimRow = await Eventually.WaitForAsync(
            () => MembershipRowAsync(identity, victim.Address),
            row => row is { Status: (int)SiloStatus.Dead },
            Patience,
            "the crashed silo to be declared dead in PostgreSQL");
        Assert.Contains(survivor.Address.ToParsableString(), victimRow!.SuspectTimes ?? "", StringComparison.Ordinal);
        await Eventually.WaitForAsync(
            async () => (await management.GetHosts(onlyActive: false)).GetValueOrDefault(victim.Address),
            status => status == SiloStatus.Dead,
            Patience,
            "the survivor to see the crashed silo as dead");

        var membership = survivor.Services.GetRequiredService<IMembershipTable>();
        await membership.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddSeconds(1));

        Assert.Null(await MembershipRowAsync(identity, victim.Address));
        Assert.Equal((int)SiloStatus.Active, (await MembershipRowAsync(identity, survivor.Address))?.Status);
        Assert.Empty(survivor.FatalErrors.Errors);
    }

    private async Task<MembershipRow?> MembershipRowAsync(TestClusterIdentity identity, SiloAddress silo)
    {
        var rows = await Database.QueryAsync(postgres.ConnectionString,
            "SELECT status, suspect_times FROM orleans_membership WHERE deployment_id = @cluster AND port = @port AND generation = @generation",
            ("cluster", identity.ClusterId), ("port", silo.Endpoint.Port), ("generation", silo.Generation));
        return rows is [var row] ? new MembershipRow((int)row[0]!, (string?)row[1]) : null;
    }

    private async Task<IHost> StartClientAsync(TestClusterIdentity identity)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = identity.ClusterId;
                options.ServiceId = identity.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = PostgresSiloBuilderExtensions.Invariant;
                options.ConnectionString = postgres.ConnectionString;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed record MembershipRow(int Status, string? SuspectTimes);
}
