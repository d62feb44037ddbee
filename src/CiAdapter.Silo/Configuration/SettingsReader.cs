using System.Globalization;
using System.Net;
using Npgsql;

namespace CiAdapter.Silo.Configuration;

/// <summary>
/// Reads the flat configuration keys of SPEC §3 (environment variables or any .NET configuration
/// source) and collects every problem as one line that names the key and the offending value.
/// Secret values (CI_API_TOKEN, ADMIN_TOKEN, the PostgreSQL connection string) are never echoed.
/// </summary>
public static class SettingsReader
{
    public const string SeedKafkaBrokers = "kafka-broker1:9092,kafka-broker2:9092";
    public const string DefaultUrls = "http://0.0.0.0:8080";
    public const string LocalCiToken = "local-development-token";

    /// <exception cref="InvalidConfigurationException">One or more keys have unusable values.</exception>
    public static CiAdapterSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var reader = new Reader(configuration);
        var development = environment.IsDevelopment();

        var brokers = reader.Brokers(ConfigurationKeys.KafkaBrokers, development ? null : SeedKafkaBrokers);
        var ciBaseUrl = reader.Url(ConfigurationKeys.CiBaseUrl, development ? null : "https://ci.codearts.com");
        var backendBaseUrl = reader.Url(ConfigurationKeys.BackendBaseUrl, development ? null : "https://backend.service.com");
        var token = reader.Secret(ConfigurationKeys.CiApiToken);
        if (token is null && ciBaseUrl is not null)
        {
            reader.Problem(development
                ? $"{ConfigurationKeys.CiApiToken} is required when {ConfigurationKeys.CiBaseUrl} points at a real CodeArts"
                : $"{ConfigurationKeys.CiApiToken} is required in Production (set it from the ci-adapter-secrets Secret)");
        }

        var settings = new CiAdapterSettings
        {
            IsDevelopment = development,
            KafkaBrokers = brokers,
            KafkaGroupId = reader.Name(ConfigurationKeys.KafkaGroupId, "ci-adapter-group"),
            KafkaTopic = reader.Name(ConfigurationKeys.KafkaTopic, "model-events"),
            KafkaDlqTopic = reader.Name(ConfigurationKeys.KafkaDlqTopic, "dead-letter-queue"),
            CiBaseUrl = ciBaseUrl,
            CiApiToken = token ?? LocalCiToken,
            BackendBaseUrl = backendBaseUrl,
            CheckPendingInterval = reader.Interval(ConfigurationKeys.CheckPendingInterval, "10m"),
            QueryCiStatusInterval = reader.Interval(ConfigurationKeys.QueryCiStatusInterval, "5m"),
            SyncBackendInterval = reader.Interval(ConfigurationKeys.SyncBackendInterval, "20m"),
            RestoreTimeout = reader.Interval(ConfigurationKeys.RestoreTimeout, "5m"),
            PostgresConnectionString = reader.ConnectionString(ConfigurationKeys.PostgresConnectionString),
            AdminToken = reader.Secret(ConfigurationKeys.AdminToken),
            ServiceId = reader.Name(ConfigurationKeys.OrleansServiceId, "ci-adapter"),
            ClusterId = reader.Name(ConfigurationKeys.OrleansClusterId, development ? "ci-adapter-local" : "ci-adapter"),
            AdvertisedAddress = reader.Address(ConfigurationKeys.PodIp),
            PodName = reader.Optional(ConfigurationKeys.PodName),
            InKubernetes = reader.Optional(ConfigurationKeys.KubernetesServiceHost) is not null && reader.Optional(ConfigurationKeys.PodName) is not null,
            SiloPort = reader.Port(ConfigurationKeys.SiloPort, 11111),
            GatewayPort = reader.Port(ConfigurationKeys.GatewayPort, 30000),
            LocalBaseUrl = reader.LocalBaseUrl(),
            SampleEvents = reader.Flag(ConfigurationKeys.SampleEvents, development),
        };

        return reader.Problems.Count == 0 ? settings : throw new InvalidConfigurationException(reader.Problems);
    }

    /// <summary>The URLs Kestrel listens on: ASPNETCORE_URLS, else the service's default port 8080 on all interfaces.</summary>
    public static string Urls(IConfiguration configuration) =>
        Trimmed(configuration[ConfigurationKeys.Urls]) ?? Trimmed(configuration["urls"]) ?? DefaultUrls;

    private static string? Trimmed(string? value) => value is null ? null : value.Trim();

    private sealed class Reader(IConfiguration configuration)
    {
        public List<string> Problems { get; } = [];

        public void Problem(string problem) => Problems.Add(problem);

        public string? Optional(string key) => Trimmed(configuration[key]) is { Length: > 0 } value ? value : null;

        public string? Secret(string key) => Optional(key);

        public string Name(string key, string fallback)
        {
            var value = Trimmed(configuration[key]);
            if (value is null)
            {
                return fallback;
            }

            if (value.Length == 0 || value.Any(char.IsWhiteSpace))
            {
                Problem($"{key}='{value}' must be a non-empty name without spaces");
            }

            return value;
        }

        public string? Brokers(string key, string? fallback)
        {
            var value = Trimmed(configuration[key]);
            if (value is null)
            {
                return fallback;
            }

            var brokers = value.Split(',', StringSplitOptions.TrimEntries);
            if (value.Length == 0 || brokers.Any(b => b.Length == 0))
            {
                Problem($"{key}='{value}' is an empty broker list; give host:port pairs separated by commas");
                return value;
            }

            foreach (var broker in brokers)
            {
                var colon = broker.LastIndexOf(':');
                if (colon <= 0
                    || !int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                    || port is < 1 or > 65535)
                {
                    Problem($"{key}='{value}': '{broker}' is not host:port");
                }
            }

            return string.Join(',', brokers);
        }

        public Uri? Url(string key, string? fallback)
        {
            var value = Trimmed(configuration[key]) ?? fallback;
            if (value is null)
            {
                return null;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                Problem($"{key}='{value}' is not an absolute http or https URL");
                return null;
            }

            return url;
        }

        public TimeSpan Interval(string key, string fallback)
        {
            var value = Trimmed(configuration[key]) ?? fallback;
            if (!GoDuration.TryParse(value, out var interval))
            {
                Problem($"{key}='{value}' is not a duration; use Go syntax such as 10m, 1h30m, 2s or 500ms");
                return TimeSpan.Zero;
            }

            if (interval <= TimeSpan.Zero)
            {
                Problem($"{key}='{value}' must be longer than zero");
            }

            return interval;
        }

        public string? ConnectionString(string key)
        {
            var value = Optional(key);
            if (value is null)
            {
                return null;
            }

            try
            {
                var builder = new NpgsqlConnectionStringBuilder(value);
                if (string.IsNullOrEmpty(builder.Host))
                {
                    Problem($"{key} has no Host (value not shown: it may hold a password)");
                }
            }
            catch (ArgumentException ex)
            {
                Problem($"{key} is not a valid Npgsql connection string: {ex.Message} (value not shown: it may hold a password)");
            }

            return value;
        }

        public IPAddress? Address(string key)
        {
            var value = Optional(key);
            if (value is null)
            {
                return null;
            }

            if (!IPAddress.TryParse(value, out var address))
            {
                Problem($"{key}='{value}' is not an IP address");
            }

            return address;
        }

        public int Port(string key, int fallback)
        {
            var value = Optional(key);
            if (value is null)
            {
                return fallback;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                Problem($"{key}='{value}' is not a port number (1-65535)");
            }

            return port;
        }

        public bool Flag(string key, bool fallback)
        {
            var value = Optional(key);
            if (value is null)
            {
                return fallback;
            }

            if (!bool.TryParse(value, out var flag))
            {
                Problem($"{key}='{value}' must be true or false");
            }

            return flag;
        }

        public Uri LocalBaseUrl()
        {
            var urls = Urls(configuration);
            var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultUrls;
            var normalized = first.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
            {
                Problem($"{ConfigurationKeys.Urls}='{urls}' must start with an http:// URL");
                return new Uri("http://127.0.0.1:8080/");
            }

            // Reach this service over loopback whatever interface it listens on.
            return new UriBuilder(url) { Host = "127.0.0.1", Path = "/" }.Uri;
        }
    }
}
