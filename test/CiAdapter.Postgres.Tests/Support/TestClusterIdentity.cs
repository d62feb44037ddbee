namespace CiAdapter.Postgres.Tests.Support;

/// <summary>A cluster and service id no other test uses, so tests can share a database.</summary>
internal sealed record TestClusterIdentity(string ClusterId, string ServiceId)
{
    public static TestClusterIdentity New() =>
        new($"cluster-{Guid.NewGuid():N}", $"service-{Guid.NewGuid():N}");
}
