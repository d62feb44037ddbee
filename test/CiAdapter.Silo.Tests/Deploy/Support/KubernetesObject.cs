namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>One document of a manifest file: its kind, its name and its content.</summary>
internal sealed record KubernetesObject(string File, string Kind, string Name, ManifestNode Root)
{
    public ManifestNode Metadata => Root["metadata"];

    public ManifestNode Spec => Root["spec"];

    public override string ToString() => $"{Kind} {Name} ({File})";
}
