namespace CiAdapter.Postgres.Tests.Support.Grains;

/// <summary>A grain whose state is named "note".</summary>
[GrainType("note")]
public sealed class NoteGrain([PersistentState("note", TestSilo.Storage)] IPersistentState<TestText> state) : TextGrainBase(state);
