using System.Net;
using System.Reflection;
using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Tests.Deploy.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CiAdapter.Silo.Tests.Deploy;

/// <summary>The ConfigMap and Secret against what the service reads (ConfigurationKeys, SettingsReader).</summary>
public sealed class ConfigurationManifestTests
{
    private const string ConfigMapName = "ci-adapter-config";
    private const string SecretName = "ci-adapter-secrets";
    private const string Placeholder = "REPLACE-ME";

    /// <summary>Keys the service reads that the Deployment deliberately leaves unset, and why.</summary>
    private static readonly Dictionary<string, string> LeftUnset = new(StringComparer.Ordinal)
    {
        [ConfigurationKeys.SampleEvents] = "local default only: outside Development no sample events are published",
        [ConfigurationKeys.KubernetesServiceHost] = "set by Kubernetes itself in every pod",
    };

    private static readonly string[] SecretKeys =
    [
        ConfigurationKeys.CiApiToken,
        ConfigurationKeys.PostgresConnectionString,
        ConfigurationKeys.AdminToken,
    ];

    private static readonly string[] DurationKeys =
    [
        ConfigurationKeys.CheckPendingInterval,
        ConfigurationKeys.QueryCiStatusInterval,
        ConfigurationKeys.SyncBackendInterval,
        ConfigurationKeys.RestoreTimeout,
    ];

    private static readonly DeployManifests Manifests = DeployManifests.Current;

    [Fact]
    public void Deployment_EveryKeyTheServiceReads_IsSupplied()
    {
        var environment = ContainerEnvironment.Resolve(Manifests);

        var missing = ServiceKeys().Where(k => !LeftUnset.ContainsKey(k) && !environment.DeclaredNames.Contains(k)).ToList();

        Assert.True(missing.Count == 0, $"The Deployment's env/envFrom does not supply: {string.Join(", ", missing)}");
    }

    [Fact]
    public void LeftUnset_NamesOnlyKeysTheServiceReads_AndTheDeploymentLeavesOut()
    {
        var environment = ContainerEnvironment.Resolve(Manifests);

        Assert.All(LeftUnset.Keys, key =>
        {
            Assert.Contains(key, ServiceKeys());
            Assert.DoesNotContain(key, environment.DeclaredNames);
        });
    }

    [Fact]
    public void KeyReferences_NameAnExistingConfigMapOrSecret_AndAnExistingKey()
    {
        var references = ContainerEnvironment.Resolve(Manifests).References;

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
        {
            var data = reference.Kind == "ConfigMap" ? Manifests.ConfigMapData(reference.Name) : Manifests.SecretData(reference.Name);
            Assert.True(data is not null, $"{reference.Location}: deploy/ has no {reference.Kind} {reference.Name}");
            Assert.True(reference.Key is null || data.ContainsKey(reference.Key), $"{reference.Location}: {reference.Kind} {reference.Name} has no key {reference.Key}");
        });
    }

    [Fact]
    public void ConfigMap_EveryKey_ReachesTheContainer()
    {
        var environment = ContainerEnvironment.Resolve(Manifests);
        var passedWhole = environment.References.Any(r => r.Kind == "ConfigMap" && r.Name == ConfigMapName && r.Key is null);

        var unused = ConfigMap().Keys
            .Where(key => !passedWhole && !environment.References.Any(r => r.Kind == "ConfigMap" && r.Name == ConfigMapName && r.Key == key))
            .ToList();

        Assert.True(unused.Count == 0, $"{ConfigMapName} keys no container reads: {string.Join(", ", unused)}");
    }

    [Fact]
    public void ConfigMap_Values_AreQuotedSoTheyStayStrings()
    {
        var data = Manifests.Find("ConfigMap", ConfigMapName)!.Root["data"];

        Assert.All(data.Entries, e => Assert.True(e.Value.IsQuoted, $"{e.Value.Location} should be quoted"));
    }

    [Fact]
    public void ConfigMap_Durations_ParseAsGoDurationsLongerThanZero()
    {
        var data = ConfigMap();

        Assert.All(DurationKeys, key =>
        {
            Assert.True(data.TryGetValue(key, out var text), $"{ConfigMapName} has no {key}");
            Assert.True(GoDuration.TryParse(text, out var duration), $"{key}='{text}' is not a Go duration");
            Assert.True(duration > TimeSpan.Zero, $"{key}='{text}' is not longer than zero");
        });
    }

    [Fact]
    public void ConfigMap_HoldsNoSecret()
    {
        Assert.All(SecretKeys, key => Assert.DoesNotContain(key, ConfigMap().Keys));
    }

    [Fact]
    public void Secret_IsOpaque_AndHoldsEverySecretKey()
    {
        var secret = Manifests.Find("Secret", SecretName);

        Assert.NotNull(secret);
        Assert.Equal("Opaque", secret.Root["type"].Text);
        Assert.All(SecretKeys, key => Assert.NotNull(secret.Root["data"].Optional(key)));
    }

    [Fact]
    public void Secret_Values_DecodeFromBase64ToText()
    {
        var data = Manifests.Find("Secret", SecretName)!.Root["data"];

        Assert.All(data.Entries, e => Assert.NotEmpty(DeployManifests.Decode(e.Value)));
    }

    [Fact]
    public void Secret_CommittedValues_AreOnlyPlaceholders()
    {
        var values = Manifests.SecretData(SecretName)!;

        Assert.All(values, v => Assert.True(v.Value.Contains(Placeholder, StringComparison.Ordinal), $"{SecretName} {v.Key} must stay a {Placeholder} placeholder in the repository"));
    }

    [Fact]
    public void SecretKeys_ReachTheContainerFromTheSecret()
    {
        var references = ContainerEnvironment.Resolve(Manifests).References;

        Assert.All(SecretKeys, key => Assert.Contains(references, r => r.Kind == "Secret" && r.Name == SecretName && r.Key == key));
    }

    [Fact]
    public void ContainerEnvironment_ReadInProduction_IsAcceptedAndMatchesTheManifests()
    {
        var environment = ContainerEnvironment.Resolve(Manifests);
        Assert.Equal(Environments.Production, environment["ASPNETCORE_ENVIRONMENT"]);

        var settings = Read(environment);

        Assert.False(settings.IsDevelopment);
        Assert.True(settings.UsesPostgres, "replicas must form one Orleans cluster through PostgreSQL, not one in-memory cluster each");
        Assert.False(settings.UsesEmbeddedKafka);
        Assert.False(settings.SimulatesCodeArts);
        Assert.False(settings.SimulatesBackend);
        Assert.False(settings.SampleEvents);
        Assert.Equal(ConfigMap()[ConfigurationKeys.KafkaBrokers], settings.KafkaBrokers);
        Assert.Equal(new Uri(ConfigMap()[ConfigurationKeys.CiBaseUrl]), settings.CiBaseUrl);
        Assert.Equal(new Uri(ConfigMap()[ConfigurationKeys.BackendBaseUrl]), settings.BackendBaseUrl);
        Assert.Equal(IPAddress.Parse(ContainerEnvironment.SamplePodFields["status.podIP"]), settings.AdvertisedAddress);
        Assert.Equal(ContainerEnvironment.SamplePodFields["metadata.name"], settings.PodName);
        Assert.Equal(Port("silo"), settings.SiloPort);
        Assert.Equal(Port("gateway"), settings.GatewayPort);
        Assert.Equal(Port("http"), settings.LocalBaseUrl.Port);
    }

    private static CiAdapterSettings Read(ContainerEnvironment environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Variables.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();
        try
        {
            return SettingsReader.Read(configuration, new ManifestHostEnvironment(environment["ASPNETCORE_ENVIRONMENT"]));
        }
        catch (InvalidConfigurationException ex)
        {
            Assert.Fail($"The service would refuse the manifests' configuration:\n{string.Join('\n', ex.Problems)}");
            throw;
        }
    }

    private static IReadOnlyDictionary<string, string> ConfigMap() =>
        Manifests.ConfigMapData(ConfigMapName) ?? throw new InvalidDataException($"deploy/ has no ConfigMap {ConfigMapName}.");

    private static int Port(string name) =>
        Manifests.Container["ports"].Items.Single(p => p["name"].Text == name)["containerPort"].Int;

    private static IEnumerable<string> ServiceKeys() =>
        typeof(ConfigurationKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
