using System.Diagnostics;

namespace CiAdapter.Testing.Kafka;

/// <summary>Produces records with kcat, a standard Kafka client outside .NET (Debian package <c>kcat</c>).</summary>
public static class Kcat
{
    /// <summary>Produces <c>key|value</c> lines to <paramref name="topic"/> and waits until kcat has delivered them all.</summary>
    public static async Task ProduceAsync(string bootstrapServers, string topic, IEnumerable<(string Key, string Value)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var start = new ProcessStartInfo("kcat", ["-P", "-b", bootstrapServers, "-t", topic, "-K", "|", "-X", "message.max.bytes=4000000", "-X", "acks=all"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kcat did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("kcat is not installed: apt-get install -y kcat (.ci/run installs it).", ex);
        }

        using (process)
        {
            foreach (var (key, value) in records)
            {
                if (key.Contains('|', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
                {
                    throw new ArgumentException("kcat reads one key|value record per line.", nameof(records));
                }

                await process.StandardInput.WriteLineAsync($"{key}|{value}");
            }

            process.StandardInput.Close();
            var errors = await process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kcat exited with {process.ExitCode}: {errors}");
            }
        }
    }
}
