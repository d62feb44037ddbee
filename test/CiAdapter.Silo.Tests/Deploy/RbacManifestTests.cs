using CiAdapter.Silo.Tests.Deploy.Support;

namespace CiAdapter.Silo.Tests.Deploy;

/// <summary>The API access Microsoft.Orleans.Hosting.Kubernetes 10.4.2 needs (see deploy/rbac.yaml).</summary>
public sealed class RbacManifestTests
{
    /// <summary>
    /// The agent's calls: ReadNamespacedPod (get), PatchNamespacedPod (patch, its own labels),
    /// ListNamespacedPod (list) and WatchListNamespacedPod (watch), all in the pod's namespace.
    /// </summary>
    private static readonly string[] PodVerbs = ["get", "list", "watch", "patch"];

    private static readonly DeployManifests Manifests = DeployManifests.Current;

    [Fact]
    public void Role_GrantsExactlyThePodAccessTheOrleansAgentUses()
    {
        var rule = Assert.Single(Manifests.Single("Role").Root["rules"].Items);

        Assert.Equal([string.Empty], rule["apiGroups"].Items.Select(g => g.Text));
        Assert.Equal(["pods"], rule["resources"].Items.Select(r => r.Text));
        Assert.Equal(PodVerbs.Order(StringComparer.Ordinal), rule["verbs"].Items.Select(v => v.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RoleBinding_BindsTheDeploymentsServiceAccount_InItsOwnNamespace()
    {
        var binding = Manifests.Single("RoleBinding").Root;
        var account = Manifests.PodSpec["serviceAccountName"].Text;

        Assert.NotNull(Manifests.Find("ServiceAccount", account));
        var subject = Assert.Single(binding["subjects"].Items);
        Assert.Equal("ServiceAccount", subject["kind"].Text);
        Assert.Equal(account, subject["name"].Text);
        Assert.Null(subject.Optional("namespace"));
        Assert.Equal("Role", binding["roleRef"]["kind"].Text);
        Assert.Equal(Manifests.Single("Role").Name, binding["roleRef"]["name"].Text);
        Assert.Equal("rbac.authorization.k8s.io", binding["roleRef"]["apiGroup"].Text);
    }

    [Fact]
    public void Pod_MountsTheServiceAccountToken_TheAgentAuthenticatesWith()
    {
        var account = Manifests.Find("ServiceAccount", Manifests.PodSpec["serviceAccountName"].Text)!;

        Assert.True(Manifests.PodSpec.Optional("automountServiceAccountToken")?.Bool ?? true);
        Assert.True(account.Root.Optional("automountServiceAccountToken")?.Bool ?? true);
    }
}
