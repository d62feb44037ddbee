using System.Reflection;
using System.Text.RegularExpressions;
using CiAdapter.Postgres.Schema;
using CiAdapter.Postgres.Tests.Support;
using CiAdapter.Testing.Postgres;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace CiAdapter.Postgres.Tests.Schema;

public sealed class PostgresSchemaInstallerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // Read by 10.4's clustering provider when present, but not required, so reflection cannot list it.
    private const string OptionalCleanupQuery = "CleanupDefunctSiloEntryKey";

    // Read by the grain storage when DeleteStateOnClear is on, and only then required.
    private const string OptionalDeleteQuery = "DeleteStorageKey";

    /// <summary>
    /// The query keys the referenced Orleans assemblies insist on, read from them rather than
    /// written down, so that an Orleans upgrade that asks for more fails here first.
    /// </summary>
    private static SortedSet<string> RequiredQueryKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);

        // Clustering and reminders check their DbStoredQueries' non-public properties against OrleansQuery.
        foreach (var type in new[]
        {
            typeof(AdoNetClusteringSiloOptions).Assembly.GetType("Orleans.Clustering.AdoNet.Storage.DbStoredQueries", throwOnError: true)!,
            typeof(AdoNetReminderTableOptions).Assembly.GetType("Orleans.Reminders.AdoNet.Storage.DbStoredQueries", throwOnError: true)!,
        })
        {
            keys.UnionWith(type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(property => property.Name));
        }

        // Grain storage names its keys in the query it initialises with.
        keys.UnionWith(Regex.Matches(AdoNetGrainStorage.DefaultInitializationQuery, "QueryKey = '([A-Za-z0-9]+)'")
            .Select(match => match.Groups[1].Value)
            .Where(key => key != OptionalDeleteQuery));
        return keys;
    }

    [Fact]
    public async Task Apply_ManyInstallersAtOnce_AllSucceedAndRecordOneVersion()
    {
        await using var database = await postgres.CreateDatabaseAsync("concurrent");
        var installer = new PostgresSchemaInstaller();

        // Started together, as silos of a fresh deployment would be.
        using var start = new ManualResetEventSlim();
        var installs = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                await installer.ApplyAsync(database.ConnectionString, CancellationToken.None);
            }))
            .ToArray();
        start.Set();
        await Task.WhenAll(installs);

        var versions = await Database.QueryAsync(database.ConnectionString, "SELECT version FROM ci_adapter_schema_version");
        Assert.Equal([PostgresSchemaInstaller.SchemaVersion], versions.Select(row => (int)row[0]!));
        Assert.Equal(PostgresSchemaInstaller.SchemaVersion, await installer.GetInstalledVersionAsync(database.ConnectionString, CancellationToken.None));
    }

    [Fact]
    public async Task Apply_Installed_HoldsEveryQueryTheProvidersAskFor()
    {
        await using var database = await postgres.CreateDatabaseAsync("queries");
        await new PostgresSchemaInstaller().ApplyAsync(database.ConnectionString, CancellationToken.None);

        // Read the way the providers read it: SELECT QueryKey, QueryText FROM OrleansQuery.
        var rows = await Database.QueryAsync(database.ConnectionString, "SELECT QueryKey, QueryText FROM OrleansQuery");
        var installed = rows.Select(row => (string)row[0]!).ToHashSet(StringComparer.Ordinal);

        var required = RequiredQueryKeys();
        Assert.Equal(9 + 7 + 3, required.Count); // clustering, reminders, grain storage
        Assert.Subset(installed, required);
        Assert.Equal([OptionalCleanupQuery, OptionalDeleteQuery], installed.Except(required).Order(StringComparer.Ordinal));
        Assert.All(rows, row => Assert.False(string.IsNullOrWhiteSpace((string?)row[1])));
    }

    [Fact]
    public async Task Apply_Again_ChangesNothing()
    {
        await using var database = await postgres.CreateDatabaseAsync("reapply");
        var installer = new PostgresSchemaInstaller();
        await installer.ApplyAsync(database.ConnectionString, CancellationToken.None);
        var before = await SnapshotAsync(database.ConnectionString);

        await installer.ApplyAsync(database.ConnectionString, CancellationToken.None);

        // xmin changes whenever a row is rewritten, even with identical values.
        Assert.Equal(before, await SnapshotAsync(database.ConnectionString));
    }

    [Fact]
    public async Task Apply_OverNewerSchema_LeavesItsQueriesAlone()
    {
        await using var database = await postgres.CreateDatabaseAsync("newer");
        var installer = new PostgresSchemaInstaller();
        await installer.ApplyAsync(database.ConnectionString, CancellationToken.None);
        await Database.ExecuteAsync(database.ConnectionString,
            "UPDATE OrleansQuery SET QueryText = 'SELECT 2' WHERE QueryKey = 'ReadFromStorageKey';" +
            "INSERT INTO ci_adapter_schema_version (version, description) VALUES (2, 'a later build')");

        await installer.ApplyAsync(database.ConnectionString, CancellationToken.None);

        Assert.Equal("SELECT 2", await Database.ScalarAsync<string>(database.ConnectionString,
            "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'ReadFromStorageKey'"));
        Assert.Equal(2, await installer.GetInstalledVersionAsync(database.ConnectionString, CancellationToken.None));
    }

    [Fact]
    public async Task GetInstalledVersion_EmptyDatabase_IsNull()
    {
        await using var database = await postgres.CreateDatabaseAsync("empty");

        Assert.Null(await new PostgresSchemaInstaller().GetInstalledVersionAsync(database.ConnectionString, CancellationToken.None));
    }

    [Fact]
    public async Task DbaFile_RunWithPsql_IsWhatTheInstallerApplies()
    {
        await using var database = await postgres.CreateDatabaseAsync("psql");
        var psql = FindPsql();
        var script = Path.Combine(Path.GetTempPath(), $"ci-adapter-schema-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, PostgresSchemaInstaller.Script);
        try
        {
            var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            var run = new System.Diagnostics.ProcessStartInfo(psql)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                Environment = { ["PGPASSWORD"] = target.Password },
            };
            foreach (var argument in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", target.Host!, "-p", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", target.Username!, "-d", target.Database!, "-f", script })
            {
                run.ArgumentList.Add(argument);
            }

            using var process = System.Diagnostics.Process.Start(run)!;
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"psql failed: {await errors}");
        }
        finally
        {
            File.Delete(script);
        }

        var afterPsql = await SnapshotAsync(database.ConnectionString);
        await new PostgresSchemaInstaller().ApplyAsync(database.ConnectionString, CancellationToken.None);

        Assert.Equal(afterPsql, await SnapshotAsync(database.ConnectionString));
    }

    [Fact]
    public async Task Apply_NothingListening_SaysWhereAndHowToFixWithoutPassword()
    {
        const string password = "s3cret-Pa55word";
        var connectionString = PostgresTestServer.UnreachableConnectionString(password);
        var target = new NpgsqlConnectionStringBuilder(connectionString);

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => new PostgresSchemaInstaller().ApplyAsync(connectionString, CancellationToken.None));

        Assert.Contains($"{target.Host}:{target.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("POSTGRES_CONNECTION_STRING", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WrongPassword_NamesUserAndCredentialsWithoutPassword()
    {
        const string password = "definitely-Wrong-9";
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Password = password }.ConnectionString;

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => new PostgresSchemaInstaller().ApplyAsync(connectionString, CancellationToken.None));

        Assert.Contains("rejected the credentials of user 'postgres'", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_MissingDatabase_SaysHowToCreateIt()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "no_such_database" }.ConnectionString;

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => new PostgresSchemaInstaller().ApplyAsync(connectionString, CancellationToken.None));

        Assert.Contains("database 'no_such_database' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Host=db;Bogus Keyword=1")]
    public async Task Apply_UnusableConnectionString_SaysSo(string connectionString)
    {
        var error = await Assert.ThrowsAsync<PostgresSchemaException>(
            () => new PostgresSchemaInstaller().ApplyAsync(connectionString, CancellationToken.None));

        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> SnapshotAsync(string connectionString)
    {
        var rows = await Database.QueryAsync(connectionString,
            "SELECT 'query ' || QueryKey || ' ' || xmin::text || ' ' || md5(QueryText) FROM OrleansQuery " +
            "UNION ALL SELECT 'version ' || version || ' ' || xmin::text || ' ' || applied_on::text FROM ci_adapter_schema_version " +
            "UNION ALL SELECT 'object ' || c.relname || ' ' || c.relkind::text || ' ' || c.xmin::text FROM pg_class c " +
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() " +
            "UNION ALL SELECT 'function ' || p.proname || ' ' || p.xmin::text FROM pg_proc p " +
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() " +
            "ORDER BY 1");
        return string.Join('\n', rows.Select(row => (string)row[0]!));
    }

    private string FindPsql()
    {
        var candidates = new List<string>();
        if (postgres.Server.BinDirectory is { } bin)
        {
            candidates.Add(Path.Combine(bin, "psql"));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "psql")));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("psql is needed to check the DBA path; install postgresql-client-15 (or postgresql-15).");
    }
}
