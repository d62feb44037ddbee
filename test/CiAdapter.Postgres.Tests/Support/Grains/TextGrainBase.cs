namespace CiAdapter.Postgres.Tests.Support.Grains;

public abstract class TextGrainBase(IPersistentState<TestText> state) : Grain, ITextGrain
{
    public async Task SetAsync(string text)
    {
        state.State = new TestText(text);
        await state.WriteStateAsync();
    }

    public async Task<string?> ReadAsync()
    {
        await state.ReadStateAsync();
        return state.RecordExists ? state.State.Text : null;
    }

    public Task ClearAsync() => state.ClearStateAsync();
}
