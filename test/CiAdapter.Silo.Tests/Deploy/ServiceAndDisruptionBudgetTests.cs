using CiAdapter.Silo.Tests.Deploy.Support;
using Orleans.Hosting.Kubernetes;

namespace CiAdapter.Silo.Tests.Deploy;

public sealed class ServiceAndDisruptionBudgetTests
{
    private static readonly DeployManifests Manifests = DeployManifests.Current;

    [Fact]
    public void Service_SelectsTheDeploymentsPods_ByStableLabels()
    {
        var selector = Manifests.Single("Service").Spec["selector"].Strings;

        Assert.NotEmpty(selector);
        Assert.Subset(Manifests.PodLabels.ToHashSet(), selector.ToHashSet());
        Assert.DoesNotContain(KubernetesHostingOptions.ServiceIdLabel, selector.Keys);
        Assert.DoesNotContain(KubernetesHostingOptions.ClusterIdLabel, selector.Keys);
    }

    [Fact]
    public void Service_ExposesHttp_InsideTheCluster()
    {
        var spec = Manifests.Single("Service").Spec;

        Assert.Equal("ClusterIP", spec.Optional("type")?.Text ?? "ClusterIP");
        var http = Assert.Single(spec["ports"].Items, p => p["name"].Text == "http");
        Assert.Equal(8080, Manifests.ContainerPort(http.Optional("targetPort") ?? http["port"]));
    }

    [Fact]
    public void DisruptionBudget_SelectsTheDeploymentsPods()
    {
        var selector = Manifests.Single("PodDisruptionBudget").Spec["selector"]["matchLabels"].Strings;

        Assert.NotEmpty(selector);
        Assert.Subset(Manifests.PodLabels.ToHashSet(), selector.ToHashSet());
    }

    [Fact]
    public void DisruptionBudget_LetsOnePodGo_AndKeepsAtLeastOne()
    {
        var spec = Manifests.Single("PodDisruptionBudget").Spec;
        var replicas = Manifests.Deployment.Spec["replicas"].Int;

        var allowedDisruptions = spec.Optional("maxUnavailable") is { } maxUnavailable
            ? maxUnavailable.Int
            : replicas - spec["minAvailable"].Int;

        Assert.InRange(allowedDisruptions, 1, replicas - 1);
    }
}
