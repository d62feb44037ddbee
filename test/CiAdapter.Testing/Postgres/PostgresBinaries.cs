namespace CiAdapter.Testing.Postgres;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl, psql) on this machine.</summary>
internal static class PostgresBinaries
{
    /// <summary>Overrides the search: the folder that holds initdb and pg_ctl.</summary>
    public const string BinVariable = "CI_ADAPTER_POSTGRES_BIN";

    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The folder with initdb and pg_ctl, preferring PostgreSQL 15, or null when there is none.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(BinVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServer(configured) ? configured : null;
        }

        if (Directory.Exists(DebianRoot))
        {
            var candidates = Directory.GetDirectories(DebianRoot)
                .Select(folder => (Folder: Path.Combine(folder, "bin"), Version: int.TryParse(Path.GetFileName(folder), out var v) ? v : 0))
                .Where(candidate => HasServer(candidate.Folder))
                .OrderByDescending(candidate => candidate.Version == 15)
                .ThenByDescending(candidate => candidate.Version)
                .ToList();
            if (candidates.Count > 0)
            {
                return candidates[0].Folder;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasServer);
    }

    private static bool HasServer(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
}
