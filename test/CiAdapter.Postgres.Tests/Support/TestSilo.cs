using System.Net;
using CiAdapter.Postgres.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CiAdapter.Postgres.Tests.Support;

/// <summary>
/// A silo on real loopback TCP ports whose membership, reminders and "store" grain storage live
/// in PostgreSQL, tuned so that a killed peer is declared dead within seconds.
/// </summary>
internal sealed class TestSilo : IAsyncDisposable
{
    public const string Storage = "store";

    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host, TestFatalErrorHandler fatalErrors)
    {
        _host = host;
        FatalErrors = fatalErrors;
    }

    /// <summary>What would have killed the process outside a test, e.g. learning it was declared dead.</summary>
    public TestFatalErrorHandler FatalErrors { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<TestSilo> StartAsync(string connectionString, TestClusterIdentity identity, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var fatalErrors = new TestFatalErrorHandler();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = identity.ClusterId;
                options.ServiceId = identity.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, LoopbackPorts.Free(), LoopbackPorts.Free());
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                // Fast enough to see a crash within seconds, tolerant enough of a busy 2-core machine
                // (one slow probe must not get a healthy silo voted out).
                options.ProbeTimeout = TimeSpan.FromSeconds(2);
                options.NumMissedProbesLimit = 3;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
            silo.UsePostgres(connectionString, Storage);
            silo.Services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler>(fatalErrors));
            configure?.Invoke(silo);
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host, fatalErrors);
    }

    /// <summary>A graceful stop: the silo leaves the cluster and marks itself dead.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    /// <summary>
    /// An abrupt stop, as TestCluster's KillSilo does. On its own the silo still marks itself dead on
    /// the way out; cut its database link first to make it a crash the others have to notice.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(new CancellationToken(canceled: true));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
