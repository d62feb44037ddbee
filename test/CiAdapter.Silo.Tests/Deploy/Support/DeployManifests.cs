using System.Text;
using YamlDotNet.RepresentationModel;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>Every manifest in deploy/, parsed once: the Kubernetes objects and the kustomization.</summary>
internal sealed class DeployManifests
{
    public const string KustomizationFile = "kustomization.yaml";

    private static readonly Lazy<DeployManifests> Loaded = new(() => Load(RepositoryRoot.Combine("deploy")));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private DeployManifests(string directory, IReadOnlyList<string> manifestFiles, ManifestNode kustomization, IReadOnlyList<KubernetesObject> objects)
    {
        Directory = directory;
        ManifestFiles = manifestFiles;
        Kustomization = kustomization;
        Objects = objects;
    }

    public static DeployManifests Current => Loaded.Value;

    public string Directory { get; }

    /// <summary>The YAML files of deploy/ other than the kustomization, by file name.</summary>
    public IReadOnlyList<string> ManifestFiles { get; }

    public ManifestNode Kustomization { get; }

    public IReadOnlyList<KubernetesObject> Objects { get; }

    public KubernetesObject Deployment => Single("Deployment");

    public ManifestNode PodTemplate => Deployment.Spec["template"];

    public ManifestNode PodSpec => PodTemplate["spec"];

    /// <summary>The service container (the pod runs exactly one).</summary>
    public ManifestNode Container => PodSpec["containers"].Items is [var only]
        ? only
        : throw new InvalidDataException($"{PodSpec.Location}.containers should hold exactly one container.");

    public IReadOnlyDictionary<string, string> PodLabels => PodTemplate["metadata"]["labels"].Strings;

    public IEnumerable<KubernetesObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public KubernetesObject Single(string kind) => OfKind(kind).ToList() is [var only]
        ? only
        : throw new InvalidDataException($"deploy/ should hold exactly one {kind}.");

    public KubernetesObject? Find(string kind, string name) => Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name);

    /// <summary>The container port with this name or number, as a probe's or Service's targetPort names it.</summary>
    public int ContainerPort(ManifestNode portReference)
    {
        var ports = Container["ports"].Items;
        var match = portReference.IsQuoted || !int.TryParse(portReference.Text, out var number)
            ? ports.SingleOrDefault(p => p.Optional("name")?.Text == portReference.Text)
            : ports.SingleOrDefault(p => p["containerPort"].Int == number);
        return match?["containerPort"].Int
            ?? throw new InvalidDataException($"{portReference.Location} is '{portReference.Text}', which names no port of the container.");
    }

    /// <summary>A ConfigMap's data, or null when deploy/ has no ConfigMap of that name.</summary>
    public IReadOnlyDictionary<string, string>? ConfigMapData(string name) =>
        Find("ConfigMap", name) is { } configMap ? configMap.Root.Optional("data")?.Strings ?? new Dictionary<string, string>() : null;

    /// <summary>A Secret's values decoded as the kubelet hands them to the container, or null when there is no such Secret.</summary>
    public IReadOnlyDictionary<string, string>? SecretData(string name)
    {
        if (Find("Secret", name) is not { } secret)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.Root.Optional("data")?.Entries ?? [])
        {
            values[key] = Decode(value);
        }

        // stringData wins over data, as the API server merges them.
        foreach (var (key, value) in secret.Root.Optional("stringData")?.Entries ?? [])
        {
            values[key] = value.Text;
        }

        return values;
    }

    public static string Decode(ManifestNode base64Value)
    {
        try
        {
            return StrictUtf8.GetString(Convert.FromBase64String(base64Value.Text));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{base64Value.Location} is not base64: {ex.Message}", ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"{base64Value.Location} does not decode to UTF-8 text.", ex);
        }
    }

    private static DeployManifests Load(string directory)
    {
        var files = System.IO.Directory.EnumerateFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var kustomization = files.Contains(KustomizationFile)
            ? Documents(directory, KustomizationFile).Single()
            : throw new InvalidDataException($"{directory} has no {KustomizationFile}.");
        var manifests = files.Where(f => f != KustomizationFile).ToList();
        var objects = new List<KubernetesObject>();
        foreach (var file in manifests)
        {
            foreach (var document in Documents(directory, file))
            {
                objects.Add(new KubernetesObject(file, document["kind"].Text, document["metadata"]["name"].Text, document));
            }
        }

        return new DeployManifests(directory, manifests, kustomization, objects);
    }

    private static IEnumerable<ManifestNode> Documents(string directory, string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(directory, file)))
        {
            stream.Load(reader);
        }

        return stream.Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" })
            .Select((d, i) => new ManifestNode(d.RootNode, stream.Documents.Count > 1 ? $"{file}#{i}:" : $"{file}:"));
    }
}
