namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>The checkout the tests were built from: deploy/, the Dockerfile and src/ are read there.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string FullPath => Root.Value;

    public static string Combine(params string[] relative) => Path.Combine([FullPath, .. relative]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CiAdapter.sln")) && Directory.Exists(Path.Combine(directory.FullName, "deploy")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds CiAdapter.sln and deploy/.");
    }
}
