namespace CiAdapter.Postgres.Tests.Support.Grains;

[GrainType("tick")]
public sealed class TickGrain([PersistentState("ticks", TestSilo.Storage)] IPersistentState<TickCount> state) : Grain, ITickGrain, IRemindable
{
    public const string ReminderName = "tick";

    public async Task StartTickingAsync(TimeSpan period) => await this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task<int> ReadTicksAsync()
    {
        await state.ReadStateAsync();
        return state.RecordExists ? state.State.Count : 0;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State = new TickCount((state.RecordExists ? state.State.Count : 0) + 1);
        await state.WriteStateAsync();
    }
}
