namespace CiAdapter.Hosting;

/// <summary>
/// The grain storage the grains ask for. The silo registers a provider under this name: memory in
/// the local default, PostgreSQL in production.
/// </summary>
public static class StorageNames
{
    public const string Models = "models";
}
