namespace CiAdapter.Kafka.Tests.Providers.Support;

[Alias("ci.tests.IRecordingGrain")]
public interface IRecordingGrain : IGrainWithStringKey
{
    [Alias("AppliedCount")]
    Task<int> AppliedCountAsync();
}
