using CiAdapter.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CiAdapter.Silo.Tests.Configuration;

public sealed class SettingsReaderTests
{
    private static readonly Dictionary<string, string?> ValidProduction = new()
    {
        ["CI_API_TOKEN"] = "s3cr3t-ci-token",
        ["KAFKA_BROKERS"] = "kafka-0:9092, kafka-1:9092",
    };

    [Fact]
    public void Read_ProductionWithOnlyTheToken_TakesTheSeedDefaults()
    {
        var settings = Read(Environments.Production, new() { ["CI_API_TOKEN"] = "t" });

        Assert.Equal(SettingsReader.SeedKafkaBrokers, settings.KafkaBrokers);
        Assert.Equal("ci-adapter-group", settings.KafkaGroupId);
        Assert.Equal("model-events", settings.KafkaTopic);
        Assert.Equal("dead-letter-queue", settings.KafkaDlqTopic);
        Assert.Equal(new Uri("https://ci.codearts.com"), settings.CiBaseUrl);
        Assert.Equal(new Uri("https://backend.service.com"), settings.BackendBaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.CheckPendingInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.QueryCiStatusInterval);
        Assert.Equal(TimeSpan.FromMinutes(20), settings.SyncBackendInterval);
        Assert.Null(settings.PostgresConnectionString);
        Assert.False(settings.SampleEvents);
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), settings.LocalBaseUrl);
    }

    [Fact]
    public void Read_DevelopmentWithNothing_SimulatesEveryExternalPart()
    {
        var settings = Read(Environments.Development, []);

        Assert.True(settings.UsesEmbeddedKafka);
        Assert.True(settings.SimulatesCodeArts);
        Assert.True(settings.SimulatesBackend);
        Assert.True(settings.SampleEvents);
        Assert.False(string.IsNullOrEmpty(settings.CiApiToken));
    }

    [Fact]
    public void Read_ProductionWithoutToken_NamesTheKey()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Read(Environments.Production, []));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("CI_API_TOKEN is required", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CHECK_PENDING_INTERVAL", "10x", "CHECK_PENDING_INTERVAL='10x' is not a duration")]
    [InlineData("QUERY_CI_STATUS_INTERVAL", "5", "QUERY_CI_STATUS_INTERVAL='5' is not a duration")]
    [InlineData("SYNC_BACKEND_INTERVAL", "0s", "SYNC_BACKEND_INTERVAL='0s' must be longer than zero")]
    [InlineData("SYNC_BACKEND_INTERVAL", "-1m", "SYNC_BACKEND_INTERVAL='-1m' must be longer than zero")]
    [InlineData("CI_BASE_URL", "not a url", "CI_BASE_URL='not a url' is not an absolute http or https URL")]
    [InlineData("BACKEND_BASE_URL", "ftp://backend", "BACKEND_BASE_URL='ftp://backend' is not an absolute http or https URL")]
    [InlineData("KAFKA_BROKERS", "", "KAFKA_BROKERS='' is an empty broker list")]
    [InlineData("KAFKA_BROKERS", "kafka:9092,,other:9092", "KAFKA_BROKERS='kafka:9092,,other:9092' is an empty broker list")]
    [InlineData("KAFKA_BROKERS", "kafka", "KAFKA_BROKERS='kafka': 'kafka' is not host:port")]
    [InlineData("KAFKA_TOPIC", "model events", "KAFKA_TOPIC='model events' must be a non-empty name")]
    [InlineData("ORLEANS_SILO_PORT", "70000", "ORLEANS_SILO_PORT='70000' is not a port number")]
    [InlineData("POD_IP", "10.0.0.300", "POD_IP='10.0.0.300' is not an IP address")]
    [InlineData("RESTORE_TIMEOUT", "soon", "RESTORE_TIMEOUT='soon' is not a duration")]
    public void Read_BadValue_OneProblemNamingKeyAndValue(string key, string value, string expectedStart)
    {
        var values = new Dictionary<string, string?>(ValidProduction) { [key] = value };

        var error = Assert.Throws<InvalidConfigurationException>(() => Read(Environments.Production, values));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith(expectedStart, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadConnectionString_NeverEchoesIt()
    {
        const string secret = "Host=db;Password=hunter2;Bogus Key=1";
        var values = new Dictionary<string, string?>(ValidProduction) { ["POSTGRES_CONNECTION_STRING"] = secret };

        var error = Assert.Throws<InvalidConfigurationException>(() => Read(Environments.Production, values));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("POSTGRES_CONNECTION_STRING is not a valid Npgsql connection string", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralBadValues_ReportsEach()
    {
        var values = new Dictionary<string, string?>(ValidProduction)
        {
            ["CHECK_PENDING_INTERVAL"] = "often",
            ["CI_BASE_URL"] = "nowhere",
        };

        var error = Assert.Throws<InvalidConfigurationException>(() => Read(Environments.Production, values));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("CHECK_PENDING_INTERVAL='often'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("CI_BASE_URL='nowhere'", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Problems, p => p.Contains("s3cr3t-ci-token", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://*:9000", "http://127.0.0.1:9000/")]
    [InlineData("http://+:9001;https://+:9443", "http://127.0.0.1:9001/")]
    [InlineData("http://localhost:7000", "http://127.0.0.1:7000/")]
    public void Read_Urls_LocalBaseUrlIsLoopback(string urls, string expected)
    {
        var settings = Read(Environments.Development, new() { ["ASPNETCORE_URLS"] = urls });

        Assert.Equal(new Uri(expected), settings.LocalBaseUrl);
    }

    [Fact]
    public void Read_IntervalsFromSeedConfigMap_Accepted()
    {
        var values = new Dictionary<string, string?>(ValidProduction)
        {
            ["CHECK_PENDING_INTERVAL"] = "1h30m",
            ["QUERY_CI_STATUS_INTERVAL"] = "1s",
            ["SYNC_BACKEND_INTERVAL"] = "500ms",
        };

        var settings = Read(Environments.Production, values);

        Assert.Equal(TimeSpan.FromMinutes(90), settings.CheckPendingInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.QueryCiStatusInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.SyncBackendInterval);
        Assert.Equal("kafka-0:9092,kafka-1:9092", settings.KafkaBrokers);
    }

    private static CiAdapterSettings Read(string environment, Dictionary<string, string?> values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new Environment(environment));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "CiAdapter.Silo";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
