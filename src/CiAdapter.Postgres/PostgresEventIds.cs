namespace CiAdapter.Postgres;

/// <summary>Stable log event ids of the PostgreSQL mode (7000-7099).</summary>
internal static class PostgresEventIds
{
    public const int SchemaApplying = 7000;
    public const int SchemaApplied = 7001;
    public const int SchemaNewerThanBuild = 7002;
    public const int SchemaApplyRetrying = 7003;
    public const int SchemaVerified = 7004;
    public const int SchemaApplyFailed = 7005;
    public const int SchemaVersionRead = 7006;
}
