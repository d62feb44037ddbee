namespace CiAdapter.Postgres.Tests.Support.Grains;

[GenerateSerializer, Alias("postgres-tests.TickCount")]
public sealed record TickCount([property: Id(0)] int Count);
