using System.Net;
using CiAdapter.Simulators.Backend;
using CiAdapter.Simulators.CodeArts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CiAdapter.Simulators.Hosting;

/// <summary>
/// Both simulators on one Kestrel server on 127.0.0.1: CodeArts under <see cref="CodeArtsPrefix"/>,
/// the backend under <see cref="BackendPrefix"/>. Point the adapter's <c>CI_BASE_URL</c> at
/// <see cref="CodeArtsBaseUrl"/> and <c>BACKEND_BASE_URL</c> at <see cref="BackendBaseUrl"/>.
/// Disposing stops the server; calls held by delay faults end at once.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    public const string CodeArtsPrefix = "/codearts";
    public const string BackendPrefix = "/backend";

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private int _disposed;

    private SimulatorServer(WebApplication app, CodeArtsSimulator codeArts, BackendSimulator backend, Uri baseAddress)
    {
        _app = app;
        CodeArts = codeArts;
        Backend = backend;
        BaseAddress = baseAddress;
    }

    public CodeArtsSimulator CodeArts { get; }

    public BackendSimulator Backend { get; }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    /// <summary>The CodeArts API root, without a trailing slash: the adapter's <c>CI_BASE_URL</c>.</summary>
    public string CodeArtsBaseUrl => $"http://127.0.0.1:{Port}{CodeArtsPrefix}";

    /// <summary>The backend API root, without a trailing slash: the adapter's <c>BACKEND_BASE_URL</c>.</summary>
    public string BackendBaseUrl => $"http://127.0.0.1:{Port}{BackendPrefix}";

    public static async Task<SimulatorServer> StartAsync(SimulatorServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var codeArts = options.CodeArtsSimulator
            ?? new CodeArtsSimulator(options.CodeArts, loggerFactory.CreateLogger<CodeArtsSimulator>());
        var backend = options.BackendSimulator
            ?? new BackendSimulator(options.Backend, loggerFactory.CreateLogger<BackendSimulator>());

        // The empty builder reads no environment or appsettings: a test's ASPNETCORE_URLS or
        // logging settings must not leak into the simulators.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);

        var app = builder.Build();
        app.MapCodeArtsSimulator(CodeArtsPrefix, codeArts);
        app.MapBackendSimulator(BackendPrefix, backend);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        loggerFactory.CreateLogger<SimulatorServer>().Started(baseAddress.ToString());
        return new SimulatorServer(app, codeArts, backend, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
