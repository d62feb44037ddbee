using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CiAdapter.Testing.Kafka;

namespace CiAdapter.Testing.Service;

/// <summary>
/// The service as operators run it: <c>dotnet CiAdapter.Silo.dll</c> in its own process, configured
/// only through environment variables, on loopback ports. Its output is kept for assertions.
/// Disposing kills it if it still runs.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Lock _outputLock = new();

    private ServiceProcess(Process process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public int HttpPort { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Every line the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_outputLock)
            {
                return [.. _output];
            }
        }
    }

    /// <param name="environment">The service's keys; ASPNETCORE_URLS and the Orleans ports are chosen here unless given.</param>
    /// <param name="aspNetCoreEnvironment">Production unless the test checks the local default.</param>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string?> environment, string aspNetCoreEnvironment = "Production")
    {
        ArgumentNullException.ThrowIfNull(environment);
        var dll = Path.Combine(AppContext.BaseDirectory, "CiAdapter.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The service's dll is not next to the tests; does the test project reference CiAdapter.Silo?", dll);
        }

        var httpPort = environment.TryGetValue("ASPNETCORE_URLS", out var urls) && urls is not null
            ? new Uri(urls.Split(';')[0]).Port
            : FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Only what the service needs from this machine; nothing from the test runner's own settings.
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = aspNetCoreEnvironment;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["ORLEANS_SILO_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["ORLEANS_GATEWAY_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        // Production needs a real Kafka: unless the test brings its own, fresh topics on the shared cluster.
        if (!environment.ContainsKey("KAFKA_BROKERS") && aspNetCoreEnvironment != "Development")
        {
            SharedKafkaCluster.CreateTopics().AddTo(start.Environment);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, httpPort);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    public Task WaitUntilReadyAsync(TimeSpan? timeout = null) => Wait.UntilAsync(
        async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, Output.TakeLast(30))}");
            }

            try
            {
                using var response = await Http.GetAsync("readyz");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        },
        timeout ?? TimeSpan.FromSeconds(60),
        "the service process reports ready on /readyz");

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The service did not exit within {timeout}:{Environment.NewLine}{string.Join(Environment.NewLine, Output.TakeLast(30))}");
        }

        return _process.ExitCode;
    }

    /// <summary>Asks the service to stop, as Kubernetes does before it kills a pod.</summary>
    public void Terminate()
    {
        if (!_process.HasExited && Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Ends the process at once (SIGKILL): nothing is flushed, nothing is committed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Add(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
