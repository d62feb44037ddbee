namespace CiAdapter.Postgres.Tests.Support.Grains;

[GenerateSerializer, Alias("postgres-tests.TestText")]
public sealed record TestText([property: Id(0)] string Text);
