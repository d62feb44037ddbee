using CiAdapter.Silo.Hosting;
using CiAdapter.Silo.Tests.Deploy.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;

namespace CiAdapter.Silo.Tests.Deploy;

public sealed class DeploymentManifestTests
{
    private const int HttpPort = 8080;
    private const int SiloPort = 11111;
    private const int GatewayPort = 30000;

    /// <summary>What the process needs after the host has stopped: disposing the silo and clients, flushing logs.</summary>
    private static readonly TimeSpan DisposalMargin = TimeSpan.FromSeconds(10);

    private static readonly DeployManifests Manifests = DeployManifests.Current;

    [Fact]
    public void Replicas_AtLeastTwo()
    {
        Assert.True(Manifests.Deployment.Spec["replicas"].Int >= 2);
    }

    [Fact]
    public void RollingUpdate_StartsANewPodBeforeAnOldOneStops()
    {
        var strategy = Manifests.Deployment.Spec["strategy"];

        Assert.Equal("RollingUpdate", strategy["type"].Text);
        Assert.Equal(0, strategy["rollingUpdate"]["maxUnavailable"].Int);
        Assert.Equal(1, strategy["rollingUpdate"]["maxSurge"].Int);
    }

    [Fact]
    public void Selector_MatchesThePodLabels_ButNotTheLabelsOrleansPatches()
    {
        var selector = Manifests.Deployment.Spec["selector"]["matchLabels"].Strings;

        Assert.NotEmpty(selector);
        Assert.Subset(Manifests.PodLabels.ToHashSet(), selector.ToHashSet());
        Assert.DoesNotContain(KubernetesHostingOptions.ServiceIdLabel, selector.Keys);
        Assert.DoesNotContain(KubernetesHostingOptions.ClusterIdLabel, selector.Keys);
    }

    [Fact]
    public void Ports_DeclareHttpSiloAndGateway_AsTheServiceIsConfigured()
    {
        var ports = Manifests.Container["ports"].Items.ToDictionary(p => p["name"].Text, p => p["containerPort"].Int);
        var environment = ContainerEnvironment.Resolve(Manifests);

        Assert.Equal(new Dictionary<string, int> { ["http"] = HttpPort, ["silo"] = SiloPort, ["gateway"] = GatewayPort }, ports);
        Assert.Equal(HttpPort, new Uri(environment["ASPNETCORE_URLS"]).Port);
        Assert.Equal(SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["ORLEANS_SILO_PORT"]);
        Assert.Equal(GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["ORLEANS_GATEWAY_PORT"]);
    }

    [Theory]
    [InlineData("startupProbe", "/healthz")]
    [InlineData("livenessProbe", "/healthz")]
    [InlineData("readinessProbe", "/readyz")]
    public void Probe_AsksTheHealthEndpoint_OnTheHttpPort(string probe, string path)
    {
        var httpGet = Manifests.Container[probe]["httpGet"];

        Assert.Equal(path, httpGet["path"].Text);
        Assert.Equal(HttpPort, Manifests.ContainerPort(httpGet["port"]));
        Assert.Equal("HTTP", httpGet.Optional("scheme")?.Text ?? "HTTP");
    }

    [Fact]
    public void Probes_LeaveTimeForStartUpAndPauses()
    {
        var container = Manifests.Container;

        Assert.True(Budget(container["startupProbe"]) >= TimeSpan.FromMinutes(2), "joining the cluster can wait for dead silos to be declared dead");
        Assert.True(Budget(container["livenessProbe"]) >= TimeSpan.FromSeconds(30), "a long GC pause or a busy node must not restart the pod");
        Assert.True(container["readinessProbe"]["periodSeconds"].Int <= 10, "readiness should follow /readyz closely");
        Assert.All(new[] { "startupProbe", "livenessProbe", "readinessProbe" }, p => Assert.True(container[p]["timeoutSeconds"].Int >= 2));
    }

    [Fact]
    public async Task TerminationGracePeriod_ExceedsTheHostShutdownTimeout()
    {
        var environment = ContainerEnvironment.Resolve(Manifests);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment["ASPNETCORE_ENVIRONMENT"],
            ApplicationName = "CiAdapter.Silo",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(environment.Variables.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
        builder.AddCiAdapter();
        await using var app = builder.Build();

        var shutdownTimeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var grace = TimeSpan.FromSeconds(Manifests.PodSpec["terminationGracePeriodSeconds"].Int);

        Assert.True(
            grace >= shutdownTimeout + DisposalMargin,
            $"terminationGracePeriodSeconds ({grace.TotalSeconds} s) must exceed the host's shutdown timeout ({shutdownTimeout.TotalSeconds} s) by {DisposalMargin.TotalSeconds} s");
    }

    [Fact]
    public void PodSecurityContext_RunsAsNonRoot_WithTheRuntimeDefaultSeccompProfile()
    {
        var security = Manifests.PodSpec["securityContext"];

        Assert.True(security["runAsNonRoot"].Bool);
        Assert.NotEqual(0, security["runAsUser"].Int);
        Assert.NotEqual(0, security["runAsGroup"].Int);
        Assert.Equal("RuntimeDefault", security["seccompProfile"]["type"].Text);
    }

    [Fact]
    public void ContainerSecurityContext_DropsEveryPrivilege()
    {
        var security = Manifests.Container["securityContext"];

        Assert.False(security["allowPrivilegeEscalation"].Bool);
        Assert.False(security.Optional("privileged")?.Bool ?? false);
        Assert.Contains("ALL", security["capabilities"]["drop"].Items.Select(c => c.Text));
        Assert.Null(security["capabilities"].Optional("add"));
        Assert.NotEqual(0, security.Optional("runAsUser")?.Int ?? Manifests.PodSpec["securityContext"]["runAsUser"].Int);
    }

    [Fact]
    public void RootFilesystem_IsReadOnly_WithAnEmptyDirForTmp()
    {
        var mount = Assert.Single(Manifests.Container["volumeMounts"].Items, m => m["mountPath"].Text == "/tmp");
        var volume = Assert.Single(Manifests.PodSpec["volumes"].Items, v => v["name"].Text == mount["name"].Text);

        Assert.True(Manifests.Container["securityContext"]["readOnlyRootFilesystem"].Bool);
        Assert.NotNull(volume.Optional("emptyDir"));
    }

    [Fact]
    public void Resources_RequestAndLimitCpuAndMemory()
    {
        var resources = Manifests.Container["resources"];

        Assert.True(KubernetesQuantity.Parse(resources["requests"]["cpu"]) > 0);
        Assert.True(KubernetesQuantity.Parse(resources["requests"]["memory"]) > 0);
        Assert.True(KubernetesQuantity.Parse(resources["limits"]["cpu"]) >= KubernetesQuantity.Parse(resources["requests"]["cpu"]));
        Assert.True(KubernetesQuantity.Parse(resources["limits"]["memory"]) >= KubernetesQuantity.Parse(resources["requests"]["memory"]));
    }

    [Fact]
    public void OrleansKubernetesHosting_GetsThePodsIdentity_AndMatchingClusterLabels()
    {
        var environment = ContainerEnvironment.Resolve(Manifests);

        Assert.Equal("metadata.name", environment.FieldPaths[KubernetesHostingOptions.PodNameEnvironmentVariable]);
        Assert.Equal("metadata.namespace", environment.FieldPaths[KubernetesHostingOptions.PodNamespaceEnvironmentVariable]);
        Assert.Equal("status.podIP", environment.FieldPaths[KubernetesHostingOptions.PodIPEnvironmentVariable]);
        Assert.Equal(environment[KubernetesHostingOptions.ServiceIdEnvironmentVariable], Manifests.PodLabels[KubernetesHostingOptions.ServiceIdLabel]);
        Assert.Equal(environment[KubernetesHostingOptions.ClusterIdEnvironmentVariable], Manifests.PodLabels[KubernetesHostingOptions.ClusterIdLabel]);
    }

    [Fact]
    public void Environment_LiteralValues_AreQuotedSoTheyStayStrings()
    {
        var literals = Manifests.Container["env"].Items.Select(v => v.Optional("value")).OfType<ManifestNode>();

        Assert.All(literals, v => Assert.True(v.IsQuoted, $"{v.Location} should be quoted"));
    }

    private static TimeSpan Budget(ManifestNode probe) =>
        TimeSpan.FromSeconds((probe.Optional("initialDelaySeconds")?.Int ?? 0) + (probe["periodSeconds"].Int * probe["failureThreshold"].Int));
}
