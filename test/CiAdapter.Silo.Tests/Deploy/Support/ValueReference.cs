namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>A reference from the container's env or envFrom to a ConfigMap or Secret (and one key of it, for env).</summary>
internal sealed record ValueReference(string Kind, string Name, string? Key, bool Optional, string Location);
