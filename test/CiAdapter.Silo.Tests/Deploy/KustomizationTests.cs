using CiAdapter.Silo.Tests.Deploy.Support;

namespace CiAdapter.Silo.Tests.Deploy;

public sealed class KustomizationTests
{
    private static readonly DeployManifests Manifests = DeployManifests.Current;

    [Fact]
    public void Resources_ListEveryManifestInDeploy_AndNoOtherFile()
    {
        var listed = Manifests.Kustomization["resources"].Items.Select(r => r.Text).ToList();

        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Equal(Manifests.ManifestFiles.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Images_PinTheDeploymentsImageToATag()
    {
        var image = Manifests.Container["image"].Text;

        var entry = Assert.Single(Manifests.Kustomization["images"].Items, i => i["name"].Text == ImageName(image));
        var tag = entry["newTag"].Text;
        Assert.False(string.IsNullOrWhiteSpace(tag), $"{entry.Location} needs a newTag");
        Assert.NotEqual("latest", tag);
    }

    [Fact]
    public void Objects_KindAndName_AreUnique()
    {
        var duplicates = Manifests.Objects.GroupBy(o => (o.Kind, o.Name)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Kind} {g.Key.Name}");

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Objects_SetNoNamespace_SoTheOperatorChoosesIt()
    {
        Assert.All(Manifests.Objects, o => Assert.Null(o.Metadata.Optional("namespace")));
    }

    [Fact]
    public void Objects_CarryTheApplicationLabel()
    {
        Assert.All(Manifests.Objects, o => Assert.Equal("ci-adapter", o.Metadata["labels"]["app.kubernetes.io/name"].Text));
    }

    private static string ImageName(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var colon = withoutDigest.LastIndexOf(':');
        return colon > withoutDigest.LastIndexOf('/') ? withoutDigest[..colon] : withoutDigest;
    }
}
