namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>
/// The environment the kubelet would give the service container: envFrom, then env (which wins),
/// resolved against the ConfigMaps and Secrets in deploy/, with downward-API fields filled from a
/// sample pod. A required reference to a missing ConfigMap, Secret or key fails here, as it would
/// keep the real pod from starting.
/// </summary>
internal sealed class ContainerEnvironment
{
    /// <summary>What the downward API would give a pod of this Deployment.</summary>
    public static readonly IReadOnlyDictionary<string, string> SamplePodFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["metadata.name"] = "ci-adapter-5f7d8c9b6-k2x7q",
        ["metadata.namespace"] = "ci-adapter",
        ["status.podIP"] = "10.244.1.23",
    };

    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fieldPaths = new(StringComparer.Ordinal);
    private readonly List<ValueReference> _references = [];

    private ContainerEnvironment()
    {
    }

    /// <summary>The variables and their values, as the process would see them.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>Every name env or envFrom declares, including optional ones that resolve to nothing.</summary>
    public IReadOnlySet<string> DeclaredNames => _declared;

    /// <summary>Variables filled by the downward API, with the pod field each one reads.</summary>
    public IReadOnlyDictionary<string, string> FieldPaths => _fieldPaths;

    public IReadOnlyList<ValueReference> References => _references;

    public string this[string name] => _variables.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"The container's environment has no {name}.");

    public static ContainerEnvironment Resolve(DeployManifests manifests)
    {
        var environment = new ContainerEnvironment();
        var container = manifests.Container;
        foreach (var source in container.Optional("envFrom")?.Items ?? [])
        {
            environment.AddSource(manifests, source);
        }

        foreach (var variable in container.Optional("env")?.Items ?? [])
        {
            environment.AddVariable(manifests, variable);
        }

        return environment;
    }

    private void AddSource(DeployManifests manifests, ManifestNode source)
    {
        var prefix = source.Optional("prefix")?.Text ?? string.Empty;
        var (kind, reference) = source.Optional("configMapRef") is { } configMapRef
            ? ("ConfigMap", configMapRef)
            : ("Secret", source["secretRef"]);
        var name = reference["name"].Text;
        var optional = reference.Optional("optional")?.Bool ?? false;
        _references.Add(new ValueReference(kind, name, null, optional, reference.Location));
        var data = kind == "ConfigMap" ? manifests.ConfigMapData(name) : manifests.SecretData(name);
        if (data is null)
        {
            return;
        }

        foreach (var (key, value) in data)
        {
            _declared.Add(prefix + key);
            _variables[prefix + key] = value;
        }
    }

    private void AddVariable(DeployManifests manifests, ManifestNode variable)
    {
        var name = variable["name"].Text;
        _declared.Add(name);
        _variables.Remove(name);
        if (variable.Optional("value") is { } literal)
        {
            if (literal.Text.Contains("$(", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"{literal.Location}: $(VAR) expansion is not resolved by this test; write the value out.");
            }

            _variables[name] = literal.Text;
            return;
        }

        var from = variable["valueFrom"];
        if (from.Optional("fieldRef") is { } fieldRef)
        {
            var path = fieldRef["fieldPath"].Text;
            _fieldPaths[name] = path;
            _variables[name] = SamplePodFields.TryGetValue(path, out var value)
                ? value
                : throw new NotSupportedException($"{fieldRef.Location}: no sample value for the pod field {path}.");
            return;
        }

        var (kind, reference) = from.Optional("configMapKeyRef") is { } configMapKeyRef
            ? ("ConfigMap", configMapKeyRef)
            : from.Optional("secretKeyRef") is { } secretKeyRef
                ? ("Secret", secretKeyRef)
                : throw new NotSupportedException($"{from.Location}: only value, fieldRef, configMapKeyRef and secretKeyRef are resolved.");
        var source = reference["name"].Text;
        var key = reference["key"].Text;
        var optional = reference.Optional("optional")?.Bool ?? false;
        _references.Add(new ValueReference(kind, source, key, optional, reference.Location));
        var data = kind == "ConfigMap" ? manifests.ConfigMapData(source) : manifests.SecretData(source);
        if (data is not null && data.TryGetValue(key, out var resolved))
        {
            _variables[name] = resolved;
        }
        else if (!optional)
        {
            throw new InvalidDataException($"{reference.Location}: {kind} {source} has no key {key}; the pod would not start.");
        }
    }
}
