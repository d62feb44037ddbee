namespace CiAdapter.Postgres.Tests.Support.Grains;

/// <summary>Another grain type that reuses the state name "note", which upstream keys would confuse with <see cref="NoteGrain"/>.</summary>
[GrainType("echo-note")]
public sealed class EchoNoteGrain([PersistentState("note", TestSilo.Storage)] IPersistentState<TestText> state) : TextGrainBase(state);
