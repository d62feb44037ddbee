using System.Reflection;
using System.Runtime.InteropServices;

namespace CiAdapter.Kafka.Embedded;

/// <summary>
/// Points this assembly's P/Invokes into librdkafka at the very image Confluent.Kafka loaded.
/// </summary>
/// <remarks>
/// librdkafka.redist ships several builds side by side (librdkafka.so needs libsasl2, which Debian
/// lacks; centos8-librdkafka.so does not). Confluent.Kafka tries them in order and keeps the first
/// that loads. Two copies in one process would each have their own globals and threads, so we
/// never pick one ourselves: we let Confluent.Kafka load first, then reuse what it mapped.
/// </remarks>
internal static class LibRdKafkaLocator
{
    /// <summary>The library name our <see cref="LibraryImportAttribute"/> declarations use.</summary>
    internal const string LibraryName = "librdkafka";

    private static readonly Lazy<nint> Handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();
    private static readonly HashSet<Assembly> Registered = [];

    /// <summary>Installs the resolver for <paramref name="assembly"/>; safe to call more than once.</summary>
    internal static void Register(Assembly assembly)
    {
        lock (Gate)
        {
            if (Registered.Add(assembly))
            {
                NativeLibrary.SetDllImportResolver(assembly, Resolve);
            }
        }
    }

    /// <summary>The file librdkafka was loaded from, when the platform lets us see it.</summary>
    internal static string? LoadedImagePath => FindMappedImages() is [var first, ..] ? first : null;

    /// <summary>Every distinct librdkafka image mapped into this process (Linux only; empty elsewhere).</summary>
    internal static IReadOnlyList<string> FindMappedImages()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return [];
        }

        var images = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..].Trim();
            var file = Path.GetFileName(path);
            if (file.Equals("librdkafka.so", StringComparison.Ordinal)
                || file.EndsWith("-librdkafka.so", StringComparison.Ordinal))
            {
                images.Add(path);
            }
        }

        return [.. images];
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? Handle.Value : 0;

    private static nint Load()
    {
        // Reading the version makes Confluent.Kafka run its own loader (idempotent).
        _ = Confluent.Kafka.Library.Version;

        var mapped = LoadedImagePath;
        if (mapped is not null && NativeLibrary.TryLoad(mapped, out var handle))
        {
            return handle;
        }

        // No /proc: probe the same names, in the same order, as Confluent.Kafka does.
        var confluent = typeof(Confluent.Kafka.Library).Assembly;
        string[] candidates = IsAlpine()
            ? ["alpine-librdkafka", "librdkafka"]
            : ["librdkafka", "centos8-librdkafka"];
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, confluent, null, out handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            "librdkafka could not be loaded; Confluent.Kafka's native package (librdkafka.redist) must be deployed with the application.");
    }

    private static bool IsAlpine() =>
        File.Exists("/etc/os-release")
        && File.ReadLines("/etc/os-release").Any(l => l.Equals("ID=alpine", StringComparison.Ordinal));
}
