namespace CiAdapter.Postgres.Tests.Support.Grains;

/// <summary>A grain type with a state name of its own ("label").</summary>
[GrainType("label")]
public sealed class LabelGrain([PersistentState("label", TestSilo.Storage)] IPersistentState<TestText> state) : TextGrainBase(state);
